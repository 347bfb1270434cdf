// What the page needs to know about where it runs, on the served site: its
// build id, its service worker, and how to start the core's worker (a module
// worker, ./worker.js). The single file bundles ./host-inline.js instead.

/** The build this page belongs to (set by tools/finalize.mjs). */
export const BUILD_ID = '__BUILD_ID__';

/** Where the service worker lives (null where there is none). */
export const serviceWorkerUrl = new URL('./sw.js', import.meta.url);

const LEAN_WASM = new URL('./pkg/article_explorer_bg.wasm', import.meta.url);
let boot = globalThis.articleExplorerBoot ?? null; // ./boot.js's worker and module, taken once
let leanModule = boot?.module ?? null;

/**
 * The lean build's wasm, compiled on the page (./boot.js starts it before
 * the other modules load); one compiled module serves every lean worker
 * (each instance gets its own memory). Null if it failed: the worker then
 * fetches it itself.
 */
function compiledLean() {
  leanModule ??= WebAssembly.compileStreaming(fetch(LEAN_WASM)).catch(() => null);
  return leanModule;
}

/**
 * A new worker for the core, and either the options its start message
 * carries or `started`, a Promise of the answer to the start message
 * ./boot.js already sent (the first lean worker; null if it could not).
 */
export async function spawnWorker(full) {
  if (!full && boot) {
    const { worker, started } = boot;
    boot = null;
    if (await started) return { worker, started };
    return { worker, options: { full, module: null } }; // boot could not compile: the worker fetches the wasm
  }
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: full ? 'core (full)' : 'core' });
  const module = full ? null : await compiledLean();
  return { worker, options: { full, module } };
}
