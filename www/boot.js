// The first thing the served page runs (an async module with no imports, so
// it need not wait for the page's other modules): it starts the core's
// worker and the fetch and compile of the lean wasm at once, for ./host.js
// to take over. Everything here also works without it.
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'core' });
const module = WebAssembly.compileStreaming(fetch(new URL('./pkg/article_explorer_bg.wasm', import.meta.url))).catch(() => null);
globalThis.articleExplorerBoot = Object.freeze({ worker, module });
