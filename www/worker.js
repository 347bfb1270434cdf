// The core's own thread: a dedicated worker that holds one wasm instance and
// answers the page's messages (./remote.js is the page's end), so that no
// search, extraction or indexing ever runs on the page's thread.
//
// Messages in: { type: 'start', id, full, wasm?, shards? } once, then
// { type: 'call', id, name, args, supersede? }. Out: { id, ok: true, value },
// { id, ok: false, error: { name, message, shards?, trap? } } or, while
// long work runs, { id, progress: [done, total] } and { id, chunk } (part
// of a large answer).
//
// Calls run one at a time, in order. A call with a `supersede` key drops
// the queued calls with the same key that have not started (a newer query
// replaces an older one). Besides the core's exports (the documented API),
// the worker offers `loadShards` (fetch text shards and hand them to the
// core, with progress), `tablesInParts` (tables() in batches of rows),
// `highlightParts` (highlight, long paragraphs cut
// into parts for the reader), `memoryBytes` and `resources` (what it fetched).
import { instantiate, fetchText, memoryBytes, warm } from './core.js';
import { sliceHtml, SLICE } from './slice.js';

const PARALLEL_FETCHES = 6;
let api = null; // the core's exports
const queue = []; // calls not started yet
let scheduled = false;

/** The exports a caller may name: the API's functions, not the glue's own. */
function exported(name) {
  if (typeof name !== 'string' || name === 'default' || name === 'initSync' || name.startsWith('__')) return null;
  const fn = api?.[name];
  return typeof fn === 'function' ? fn : null;
}

/** An error as it travels: its name (the core's kinds: InvalidInput, CorruptData, …), message and extras. */
function wireError(err) {
  if (err instanceof WebAssembly.RuntimeError) return { name: 'Trap', message: err.message, trap: true };
  const error = { name: typeof err?.name === 'string' ? err.name : 'Error', message: String(err?.message ?? err) };
  if (Array.isArray(err?.shards)) error.shards = err.shards;
  return error;
}

const fetching = new Map(); // shard name → Promise of its bytes, while it is fetched (each once)

function shardBytes(name) {
  let p = fetching.get(name);
  if (!p) {
    p = fetchText(name).finally(() => fetching.delete(name));
    fetching.set(name, p);
  }
  return p;
}

/** Fetch text shards `names` (a few at a time) into the core; `keep`: it keeps them all. */
async function loadShards([names, keep = false], progress) {
  const list = [...names];
  let done = 0;
  const next = async () => {
    while (list.length) {
      api.loadText(await shardBytes(list.shift()), keep);
      done += 1;
      progress(done, names.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_FETCHES, names.length) }, next));
  return done;
}

/** What this worker fetched ({ name, responseEnd } in the page's clock), for the benchmark's byte count. */
function resources() {
  return performance.getEntriesByType('resource').map((e) => ({ name: e.name, responseEnd: e.responseEnd + performance.timeOrigin }));
}

/**
 * highlight(…args) for the reader: a paragraph whose HTML is longer than
 * SLICE comes as `parts` (./slice.js) instead of `html`, cut here so that
 * the page only draws.
 */
function highlightParts(args) {
  const out = api.highlight(...args);
  for (const block of out.blocks) {
    if (block.html.length <= SLICE) continue;
    block.parts = sliceHtml(block.html);
    block.html = '';
  }
  return out;
}

const ROWS_PER_MESSAGE = 500;

/**
 * tables(), sent a batch of rows at a time ({ id, chunk: { key, rows } }),
 * so that the page reads each message in a few milliseconds instead of one
 * copy of tens of MB at once; resolves to the tables' keys.
 */
function tablesInParts(args, progress, chunk) {
  const all = api.tables();
  const keys = Object.keys(all);
  for (const key of keys) {
    const rows = all[key];
    for (let i = 0; i < rows.length; i += ROWS_PER_MESSAGE) chunk({ key, rows: rows.slice(i, i + ROWS_PER_MESSAGE) });
  }
  return keys;
}

const OWN = new Map([
  ['loadShards', loadShards],
  ['tablesInParts', tablesInParts],
  ['highlightParts', highlightParts],
  ['memoryBytes', () => memoryBytes()],
  ['resources', resources],
]);

async function run({ id, name, args }) {
  const progress = (done, total) => self.postMessage({ id, progress: [done, total] });
  const chunk = (part) => self.postMessage({ id, chunk: part });
  try {
    const own = OWN.get(name);
    const fn = own ?? exported(name);
    if (!fn) throw Object.assign(new Error(`${name} is not available in this build of the core`), { name: 'InvalidInput' });
    const value = own ? await own(args, progress, chunk) : fn(...args);
    self.postMessage({ id, ok: true, value });
  } catch (err) {
    self.postMessage({ id, ok: false, error: wireError(err) });
  }
}

/** Run the next queued call; async work (fetching shards) does not hold up the queue. */
function drain() {
  scheduled = false;
  const call = queue.shift();
  if (call) run(call);
  if (queue.length) schedule();
}

/** A separate task per call, so that newer messages (superseding older calls) are read in between. */
function schedule() {
  if (scheduled) return;
  scheduled = true;
  setTimeout(drain, 0);
}

function enqueue(call) {
  if (typeof call.supersede === 'string') {
    for (let i = queue.length - 1; i >= 0; i -= 1) {
      if (queue[i].supersede !== call.supersede) continue;
      self.postMessage({ id: queue[i].id, ok: false, error: { name: 'Superseded', message: 'a newer request replaced this one' } });
      queue.splice(i, 1);
    }
  }
  queue.push(call);
  schedule();
}

async function start({ id, ...options }) {
  try {
    api = await instantiate(options);
    self.postMessage({ id, ok: true, value: api.info() });
  } catch (err) {
    self.postMessage({ id, ok: false, error: wireError(err) });
  }
}

warm(self.name); // the glue loads while the page prepares the start message

self.addEventListener('message', ({ data }) => {
  if (data?.type === 'start') start(data);
  else if (data?.type === 'call' && Array.isArray(data.args)) enqueue(data);
});
