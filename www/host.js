// What the page needs to know about where it runs, on the served site: its
// build id, its service worker, and how to start the core's worker (a module
// worker, ./worker.js). The single file bundles ./host-inline.js instead.

/** The build this page belongs to (set by tools/finalize.mjs). */
export const BUILD_ID = '__BUILD_ID__';

/** Where the service worker lives (null where there is none). */
export const serviceWorkerUrl = new URL('./sw.js', import.meta.url);

/** A new worker for the core, and the options its start message carries. */
export function spawnWorker(full) {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: full ? 'core (full)' : 'core' });
  return { worker, options: { full } };
}
