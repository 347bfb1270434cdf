// Loads the wasm core (served site). The single-file build replaces this
// module with one that decodes the wasm from an inline base64 string.
import init, * as api from './pkg/article_explorer.js';

/** The build this page belongs to (set by tools/finalize.mjs). */
export const BUILD_ID = '__BUILD_ID__';

/** Instantiate the wasm module and return its exports. */
export async function loadCore() {
  await init({ module_or_path: new URL('./pkg/article_explorer_bg.wasm', import.meta.url) });
  return api;
}

/**
 * The build that also reads HTML files (a larger download, fetched only when
 * HTML files are added). A separate instance: callers move their state over.
 */
export async function loadHtmlCore() {
  const mod = await import('./pkg-html/article_explorer.js');
  await mod.default({ module_or_path: new URL('./pkg-html/article_explorer_bg.wasm', import.meta.url) });
  return mod;
}

/** Where the service worker lives (null where there is none). */
export const serviceWorkerUrl = new URL('./sw.js', import.meta.url);
