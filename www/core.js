// The core's loader inside its worker (./worker.js), on the served site:
// instantiates the lean or the full wasm build and fetches text shards. The
// single file bundles ./core-inline.js in its place.

let memory = null; // the instance's wasm memory

/**
 * Instantiate the lean build (search and reader) or, with `full`, the full
 * one (adding articles, HTML files, tables); returns its exports. The glue
 * and the wasm are fetched at once, not one after the other, unless the page
 * sends the `module` compiled.
 */
export async function instantiate({ full = false, module = null } = {}) {
  const dir = full ? 'pkg-full' : 'pkg';
  // The page may have compiled the module already (./host.js); else fetch it.
  const wasm = module instanceof WebAssembly.Module ? module : fetch(new URL(`./${dir}/article_explorer_bg.wasm`, import.meta.url));
  const api = await import(full ? './pkg-full/article_explorer.js' : './pkg/article_explorer.js');
  ({ memory } = await api.default({ module_or_path: wasm }));
  return api;
}

/** Start loading the glue of the build a worker will run (named `core` or `core (full)`), before its start message. */
export function warm(name) {
  import(name === 'core (full)' ? './pkg-full/article_explorer.js' : './pkg/article_explorer.js').catch(() => {});
}

/** Bytes of wasm memory the instance holds. */
export function memoryBytes() {
  return memory ? memory.buffer.byteLength : 0;
}

/** The bytes of text shard `name` (a large corpus's article bodies, text/ beside the page). */
export async function fetchText(name) {
  const res = await fetch(new URL(`./text/${encodeURIComponent(name)}`, import.meta.url));
  if (!res.ok) throw new Error(`the article text ${name} could not be fetched (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}
