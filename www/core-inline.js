// The single file's core loader (tools/finalize.mjs bundles it in place of
// ./core.js): the full build's wasm is inline as base64 (#wasm-base64), a
// large corpus's text shards as a JSON map of base64 (#text-shards), and the
// no-modules glue, an earlier classic script, defines `wasm_bindgen`.
/* global wasm_bindgen */

/** The build this page belongs to (set by tools/finalize.mjs). */
export const BUILD_ID = '__BUILD_ID__';

/** No service worker: the file works from disk, offline already. */
export const serviceWorkerUrl = null;

let memory = null; // the instance's wasm memory
let shards = null; // name → base64, read on first use

function decodeBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Instantiate the inline module (the full build) and return its exports. */
export async function loadCore() {
  const bytes = decodeBase64(document.getElementById('wasm-base64').textContent.trim());
  ({ memory } = await wasm_bindgen({ module_or_path: bytes }));
  return wasm_bindgen;
}

/** Bytes of wasm memory the instance holds. */
export function memoryBytes() {
  return memory ? memory.buffer.byteLength : 0;
}

/** The inline module is the full build already (HTML files, tables). */
export async function loadFullCore() {
  return wasm_bindgen;
}

/** The no-modules glue cannot be instantiated twice: start the page again. */
export async function restartCore() {
  location.reload();
  return new Promise(() => {});
}

/** The bytes of text shard `name`, from the inline map. */
export async function fetchText(name) {
  shards ??= new Map(Object.entries(JSON.parse(document.getElementById('text-shards')?.textContent ?? '{}')));
  const b64 = shards.get(name);
  if (typeof b64 !== 'string') throw new Error(`the article text ${name} is not in this file`);
  return decodeBase64(b64);
}
