// Text shards: a large corpus keeps its article bodies in files beside the
// page (text/NAME, see src/shards/); the core names the ones it needs
// (search results' textNeeded, textNeeded(ids)) and its worker fetches them
// (./worker.js, loadShards). A corpus without shards never asks.

/**
 * Load the shards `names` into `core` (a remote core). `keep`: the core
 * keeps every shard from now on (else it drops the oldest past a few MB).
 * `onProgress(done, total)` after each. Rejects on the first failure.
 */
export async function loadShards(core, names, { keep = false, onProgress } = {}) {
  if (!names.length) return;
  await core.request('loadShards', [names, keep], { onProgress });
}

/** Load (and keep) every article's text: the tables and adding articles need it all. */
export async function allText(core, onProgress) {
  const names = await core.call('textNeeded', null);
  if (names.length) await loadShards(core, names, { keep: true, onProgress });
}
