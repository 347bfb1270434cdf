// Text shards: a large corpus keeps its article bodies in files beside the
// page (text/NAME, see src/shards.rs); the core names the ones it needs
// (search results' textNeeded, textNeeded(ids)) and this module fetches them
// and hands them over. A corpus without shards never asks.
import { fetchText } from './core.js';

const inflight = new Map(); // name → Promise of its bytes, while fetching
const PARALLEL = 6;

function bytesOf(name) {
  let p = inflight.get(name);
  if (!p) {
    p = fetchText(name).finally(() => inflight.delete(name));
    inflight.set(name, p);
  }
  return p;
}

/**
 * Load the shards `names` into `core`, a few fetches at a time. `keep`: the
 * core keeps every shard from now on (else it drops the oldest past a few
 * MB). `onProgress(done, total)` after each. Rejects on the first failure.
 */
export async function loadShards(core, names, { keep = false, onProgress } = {}) {
  const queue = [...names];
  let done = 0;
  const worker = async () => {
    while (queue.length) {
      const bytes = await bytesOf(queue.shift());
      core.loadText(bytes, keep);
      done += 1;
      onProgress?.(done, names.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, names.length) }, worker));
}

/** Load (and keep) every article's text: the tables and adding articles need it all. */
export async function allText(core, onProgress) {
  const names = core.textNeeded(null);
  if (names.length) await loadShards(core, names, { keep: true, onProgress });
}
