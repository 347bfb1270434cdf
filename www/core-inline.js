// The core's loader inside its worker in the single file (tools/finalize.mjs
// bundles it in place of ./core.js): the worker's script starts with the
// no-modules glue, which defines `wasm_bindgen`; the page hands over the
// full build's wasm as base64 and a large corpus's text shards as a JSON map
// of base64 (see ./host-inline.js).
/* global wasm_bindgen */

let memory = null; // the instance's wasm memory
let shards = new Map(); // shard name → base64

function decodeBase64(b64) {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Instantiate the inline module (always the full build) and return its exports. */
export async function instantiate({ wasm, shards: shardJson = '{}' }) {
  if (typeof wasm !== 'string') throw new Error('the single file’s wasm is missing');
  shards = new Map(Object.entries(JSON.parse(shardJson)));
  ({ memory } = await wasm_bindgen({ module_or_path: decodeBase64(wasm) }));
  return wasm_bindgen;
}

/** Nothing to load early: the glue is part of the worker's script. */
export function warm() {}

/** Bytes of wasm memory the instance holds. */
export function memoryBytes() {
  return memory ? memory.buffer.byteLength : 0;
}

/** The bytes of text shard `name`, from the inline map. */
export async function fetchText(name) {
  const b64 = shards.get(name);
  if (typeof b64 !== 'string') throw new Error(`the article text ${name} is not in this file`);
  return decodeBase64(b64);
}
