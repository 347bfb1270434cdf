// Loads the wasm core for the served site (./session.js calls it), fetches
// text shards (./text.js); the single file bundles ./core-inline.js instead.
import init, * as api from './pkg/article_explorer.js';

/** The build this page belongs to (set by tools/finalize.mjs). */
export const BUILD_ID = '__BUILD_ID__';

let memory = null; // the current instance's wasm memory

/** Instantiate the wasm module and return its exports. */
export async function loadCore() {
  ({ memory } = await init({ module_or_path: new URL('./pkg/article_explorer_bg.wasm', import.meta.url) }));
  return api;
}

/** Bytes of wasm memory the current instance holds. */
export function memoryBytes() {
  return memory ? memory.buffer.byteLength : 0;
}

/**
 * A fresh instance after the old one trapped (a wasm trap leaves an instance
 * unusable): the glue is imported again under a new URL, which gives a new
 * module with its own memory.
 */
export async function restartCore(full) {
  const dir = full ? 'pkg-full' : 'pkg';
  const mod = await import(`./${dir}/article_explorer.js?restart=${Date.now()}`);
  ({ memory } = await mod.default({ module_or_path: new URL(`./${dir}/article_explorer_bg.wasm`, import.meta.url) }));
  return mod;
}

/**
 * The full build: it also adds articles, reads HTML files and builds the
 * summary tables (a larger download, fetched only when articles are added or
 * the tables are opened). A separate instance: callers move their state over.
 */
export async function loadFullCore() {
  const mod = await import('./pkg-full/article_explorer.js');
  ({ memory } = await mod.default({ module_or_path: new URL('./pkg-full/article_explorer_bg.wasm', import.meta.url) }));
  return mod;
}

/** The bytes of text shard `name` (a large corpus's article bodies, text/ beside the page). */
export async function fetchText(name) {
  const res = await fetch(new URL(`./text/${encodeURIComponent(name)}`, import.meta.url));
  if (!res.ok) throw new Error(`the article text ${name} could not be fetched (HTTP ${res.status})`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Where the service worker lives (null where there is none). */
export const serviceWorkerUrl = new URL('./sw.js', import.meta.url);
