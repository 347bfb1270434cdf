// The first thing the served page runs: tools/finalize.mjs inlines it in
// index.html's <head> (allowed by its hash in the page's CSP), so that the
// core's worker and the fetch and compile of the lean wasm start while the
// page's modules are still loading; the core starts as soon as the wasm is
// compiled, and ./host.js takes the worker over. A classic script (no
// import.meta): URLs are relative to the page. Everything also works without it.
const worker = new Worker('worker.js', { type: 'module', name: 'core' });
const module = WebAssembly.compileStreaming(fetch('pkg/article_explorer_bg.wasm')).catch(() => null);
/** The worker's answer to its start message (id 0), or null when boot could not start it. */
const started = module.then((compiled) => {
  if (!compiled) return null;
  return new Promise((resolve) => {
    const onStart = ({ data }) => {
      if (data?.id !== 0) return;
      worker.removeEventListener('message', onStart);
      resolve(data);
    };
    worker.addEventListener('message', onStart);
    worker.postMessage({ type: 'start', id: 0, full: false, module: compiled });
  });
});
globalThis.articleExplorerBoot = Object.freeze({ worker, module, started });
