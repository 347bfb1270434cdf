// The page's end of the core's worker (./worker.js): every call is a message
// with an id, answered once, as a Promise. Errors arrive as `Error`s whose
// `name` is the core's kind (InvalidInput, CorruptData, NoArticle, TextNotLoaded with
// its `shards`), `Trap` (the instance broke: start a new one), `Superseded`
// (a newer call with the same `supersede` key replaced it before it ran) or
// `Cancelled` (the worker was stopped).
import { spawnWorker } from './host.js';

/** An Error named `name` with `message`, and the extras the worker sent. */
function asError({ name, message, shards, trap }) {
  const err = new Error(message);
  err.name = name;
  if (shards) err.shards = shards;
  if (trap) err.trap = true;
  return err;
}

/** True for the errors that only say a call was dropped, not that it failed. */
export function isDropped(err) {
  return err?.name === 'Superseded' || err?.name === 'Cancelled';
}

/**
 * Start a core (`full`: the full build) in a new worker. Resolves, once it
 * is ready, to a remote: `call(name, ...args)`, `request(name, args,
 * { supersede, onProgress, onChunk, transfer })`, `info` (its info() at start),
 * `full`, `onTrap(err)` (set it: called once per trapped call) and `stop(reason)`.
 */
export async function startRemote(full) {
  const { worker, options, started } = await spawnWorker(full);
  const pending = new Map(); // id → { resolve, reject, onProgress }
  let nextId = 1;
  let stopped = null;

  const fail = (err) => {
    stopped ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.addEventListener('message', ({ data }) => {
    const p = pending.get(data?.id);
    if (!p) return;
    if (data.progress) {
      p.onProgress?.(...data.progress);
      return;
    }
    if (data.chunk) {
      p.onChunk?.(data.chunk);
      return;
    }
    pending.delete(data.id);
    if (data.ok) {
      p.resolve(data.value);
      return;
    }
    const err = asError(data.error);
    p.reject(err);
    if (err.trap) remote.onTrap(err);
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault?.();
    const err = Object.assign(new Error(`the search engine stopped: ${e.message || 'its worker failed to load'}`), { name: 'Trap', trap: true });
    fail(err);
    remote.onTrap(err);
  });

  const post = (message, { onProgress, onChunk, transfer = [] } = {}) => {
    if (stopped) return Promise.reject(stopped);
    const id = nextId;
    nextId += 1;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, onChunk });
      worker.postMessage({ ...message, id }, transfer);
    });
  };

  const remote = {
    full,
    info: null,
    /** Told of a trap, whichever call met it (the instance is broken from then on). */
    onTrap: () => {},
    /** True once the worker was stopped (or failed): calls reject at once. */
    get stopped() { return stopped !== null; },
    /** Call export `name` with `args`; `supersede`: drop an older queued call with this key. */
    request(name, args = [], { supersede, onProgress, onChunk, transfer } = {}) {
      return post({ type: 'call', name, args, supersede }, { onProgress, onChunk, transfer });
    },
    call(name, ...args) {
      return remote.request(name, args);
    },
    /** Stop the worker; every pending call rejects with a `Cancelled` error saying `reason`. */
    stop(reason = 'stopped') {
      worker.terminate();
      fail(Object.assign(new Error(reason), { name: 'Cancelled' }));
    },
  };
  try {
    if (started) {
      const answer = await started; // boot.js started it: its answer, with id 0
      if (!answer.ok) throw asError(answer.error);
      remote.info = answer.value;
    } else {
      remote.info = await post({ type: 'start', ...options });
    }
  } catch (err) {
    worker.terminate();
    throw err;
  }
  return remote;
}
