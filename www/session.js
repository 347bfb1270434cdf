// The session owns the wasm core: it loads the lean build, switches to the
// full one when a view needs it, starts a fresh instance after a wasm trap,
// and is the one way the views call the core (`call`). It also keeps what
// the page derived from the current corpus, dropped by `reset()` whenever
// the corpus or the core changes.
import { loadCore, loadFullCore, restartCore } from './core.js';
import * as library from './library.js';

let core = null;
let articles = []; // the core's articles(), read again by reloadArticles()
let hooks = { status: () => {}, redraw: () => {}, libraryUi: null };
const resets = []; // what each view forgets on reset()
let fullLoading = null;
let recovering = null;

/** The core in use (its exports are the documented API, types/article-explorer.d.ts). */
export function current() {
  return core;
}

/** Every article of the current corpus, as the core listed them last. */
export function articleList() {
  return articles;
}

/**
 * `status(text, { append })` shows a message; `redraw()` brings the page in
 * line with the URL again; `libraryUi` ({ progress, log }) reports the
 * restoring of the user's articles into a new core.
 */
export function configure(options) {
  hooks = { ...hooks, ...options };
}

/** Run `fn` (a view forgetting what it drew from the old corpus) on every reset(). */
export function onReset(fn) {
  resets.push(fn);
}

/** Forget everything derived from the corpus: the next draw asks the core again. */
export function reset() {
  for (const fn of resets) fn();
}

/** Load the lean core (search and reader). */
export async function start() {
  core = await loadCore();
}

/** Read the article list from the core again and reset(); false when the core failed. */
export function reloadArticles() {
  const r = call('articles');
  if (r.ok) articles = r.value;
  reset();
  return r.ok;
}

/**
 * Call export `name` of the core with `args`: `{ ok: true, value }`, or
 * `{ ok: false, error }` with the error shown (a wasm trap also restarts the core).
 */
export function call(name, ...args) {
  try {
    return { ok: true, value: core[name](...args) };
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) recover(error);
    else hooks.status(`Error: ${error?.message ?? error}`);
    return { ok: false, error };
  }
}

/** True when the core in use is the full build (adding articles, HTML files, tables). */
export function isFull() {
  try {
    return Boolean(core.info().tables);
  } catch {
    return false;
  }
}

/** Move to core `next`: the user's articles go into it first (`records`, when read already). */
async function adopt(next, records = undefined) {
  await library.restore(next, hooks.libraryUi, records);
  core = next;
  reset();
}

/**
 * Switch to the full core, saying `message` meanwhile and moving the saved
 * articles over; false when it is in use already.
 */
export async function ensureFull(message, records = undefined) {
  if (isFull()) return false;
  fullLoading ??= (async () => {
    hooks.status(message);
    try {
      await adopt(await loadFullCore(), records);
    } finally {
      fullLoading = null;
    }
  })();
  await fullLoading;
  return true;
}

/** The wasm instance trapped: say so, start a fresh one, bring back the user's articles. */
function recover(err) {
  hooks.status('The search engine hit an internal error and is restarting…');
  console.warn(`wasm trap: ${err?.message ?? err}`);
  recovering ??= (async () => {
    try {
      await adopt(await restartCore(isFull()));
      hooks.redraw();
      hooks.status(' (The search engine was restarted after an internal error.)', { append: true });
    } catch (e) {
      hooks.status(`The search engine could not be restarted (${e?.message ?? e}); reload the page.`);
    } finally {
      recovering = null;
    }
  })();
}
