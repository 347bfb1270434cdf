// The session owns the core: a wasm instance in a worker of its own
// (./remote.js), so the page's thread never runs the engine. It starts the
// lean build, switches to the full one when a view needs it, starts a fresh
// worker after a wasm trap or when the reader cancels long work, and is the
// one way the views call the core (`call`, `request`). It also keeps what
// the page derived from the current corpus, dropped by `reset()` whenever
// the corpus or the core changes.
import { startRemote, isDropped } from './remote.js';
import * as library from './library.js';

let core = null; // the remote core in use
let articles = []; // the core's articles(), read again by reloadArticles()
let hooks = { status: () => {}, redraw: () => {}, libraryUi: null };
const resets = []; // what each view forgets on reset()
let switching = null; // a Promise while a new core is being started
let recovering = null;

/** The core in use (a remote: `call(name, ...args)` resolves to the documented API's results). */
export function current() {
  return core;
}

/** Every article of the current corpus, as the core listed them last. */
export function articleList() {
  return articles;
}

/**
 * `status(text, { append })` shows a message; `redraw()` brings the page in
 * line with the URL again; `libraryUi` ({ log }) reports the
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

/** A new core (`full`), whose traps, met by any caller, start a fresh one. */
async function newCore(full) {
  const remote = await startRemote(full);
  remote.onTrap = (err) => recover(remote, err);
  return remote;
}

/** Start the lean core (search and reader). */
export async function start() {
  core = await newCore(false);
}

/** Read the article list from the core again and reset(); false when the core failed. */
export async function reloadArticles() {
  const r = await call('articles');
  if (r.ok) articles = r.value;
  reset();
  return r.ok;
}

/**
 * Call export `name` of the core with `args` (options: `supersede`, a key
 * whose older queued call this one replaces; `onProgress(done, total)`).
 * Resolves to `{ ok: true, value }`, or `{ ok: false, error }` with the error
 * shown (a dropped call is not an error to show; a trap restarts the core).
 */
export async function request(name, args = [], options = {}) {
  // While a stopped core is being replaced, calls wait for the new one.
  if (core?.stopped && switching) await switching.catch(() => {});
  const used = core;
  try {
    return { ok: true, value: await used.request(name, args, options) };
  } catch (error) {
    // A trap restarts the core (its onTrap); a dropped call is no error to show.
    if (!error?.trap && !isDropped(error)) hooks.status(`Error: ${error?.message ?? error}`);
    return { ok: false, error };
  }
}

/** `request(name, args)` without options. */
export function call(name, ...args) {
  return request(name, args);
}

/** True when the core in use is the full build (adding articles, HTML files, tables). */
export function isFull() {
  return Boolean(core?.info?.tables);
}

/** What the core in use can do: its info() at start ({ add, html, tables, textShards, … }). */
export function capabilities() {
  return core?.info ?? {};
}

/** Move to core `next`: the user's articles go into it first (`records`, when read already). */
async function adopt(next, records = undefined) {
  try {
    await library.restore(next, hooks.libraryUi, records);
  } catch (err) {
    next.stop('not adopted');
    throw err;
  }
  const old = core;
  core = next;
  old?.stop('replaced by a new core');
  await reloadArticles();
}

/** Start a new core (`full`) and adopt it, one switch at a time. */
function switchTo(full, records = undefined) {
  switching ??= (async () => {
    try {
      await adopt(await newCore(full), records);
    } finally {
      switching = null;
    }
  })();
  return switching;
}

/**
 * Switch to the full core, saying `message` meanwhile and moving the saved
 * articles over; false when it is in use already.
 */
export async function ensureFull(message, records = undefined) {
  if (isFull()) return false;
  hooks.status(message);
  await switchTo(true, records);
  return true;
}

/**
 * Stop what the core is doing (the reader pressed Cancel): its worker is
 * stopped, every pending call is dropped, and a fresh core of the same kind
 * takes the user's saved articles back.
 */
export async function cancel() {
  const old = core;
  if (!old) return;
  old.stop('cancelled');
  await switchTo(old.full);
  await hooks.redraw();
}

/** The core `broken` trapped: say so, start a fresh one, bring back the user's articles. */
function recover(broken, err) {
  if (broken !== core) return;
  hooks.status('The search engine hit an internal error and is restarting…');
  console.warn(`wasm trap: ${err?.message ?? err}`);
  recovering ??= (async () => {
    try {
      broken.stop('trapped');
      await switchTo(broken.full);
      await hooks.redraw();
      hooks.status(' (The search engine was restarted after an internal error.)', { append: true });
    } catch (e) {
      hooks.status(`The search engine could not be restarted (${e?.message ?? e}); reload the page.`);
    } finally {
      recovering = null;
    }
  })();
}
