// The single file's host (tools/finalize.mjs bundles it in place of
// ./host.js): no service worker (the file works from disk, offline already),
// and the core's worker comes from a blob URL made of the worker's script
// (#worker-src: the no-modules glue, then ./worker.js bundled with
// ./core-inline.js). The page's CSP allows exactly blob: workers.

/** The build this page belongs to (set by tools/finalize.mjs). */
export const BUILD_ID = '__BUILD_ID__';

/** No service worker: the file works from disk, offline already. */
export const serviceWorkerUrl = null;

let workerUrl = null; // one blob URL for every worker this page starts

/** A new worker for the core (always the full build), and its start options: the wasm and the shards, as text. */
export async function spawnWorker() {
  workerUrl ??= URL.createObjectURL(new Blob([document.getElementById('worker-src').textContent], { type: 'text/javascript' }));
  const worker = new Worker(workerUrl, { name: 'core' });
  const wasm = document.getElementById('wasm-base64').textContent.trim();
  const shards = document.getElementById('text-shards')?.textContent ?? '{}';
  return { worker, options: { full: true, wasm, shards } };
}
