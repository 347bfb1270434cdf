// Entry point: start the core (in its worker), wire the views to the URL
// hash, the keyboard and the library, and register the service worker.
import { BUILD_ID, serviceWorkerUrl } from './host.js';
import * as session from './session.js';
import * as busy from './busy.js';
import { readHash, writeHash, onHashChange, go } from './router.js';
import * as search from './views/search.js';
import * as reader from './views/reader.js';
import * as libraryView from './views/library.js';
import { wireKeys } from './keys.js';
import { h } from './dom.js';

const $ = (id) => document.getElementById(id);
const status = $('status');

let tables = null; // ./views/tables.js, loaded when the tables are first opened
let kwic = null; // ./views/kwic.js, loaded when a concordance is first opened
session.onReset(() => kwic?.reset());

/** Open the concordance of `q` (its module first, if need be). */
async function showKwic(q) {
  try {
    kwic ??= await import('./views/kwic.js');
  } catch (err) {
    $('kwic-panel').replaceChildren(h('p', { class: 'status error' }, `The concordance could not be loaded: ${err?.message ?? err}`));
    return;
  }
  if (readHash().v === 'kwic') await kwic.show(q);
}

/** The tables view's module, loaded and wired on first use. */
async function tablesView() {
  const mod = await import('./views/tables.js');
  if (!tables) {
    mod.wire({ again: route, corrected: libraryView.noteCorrections });
    tables = mod;
  }
  return mod;
}

/** Open the tables view at tab `t` (its module first, if need be). */
function showTables(t) {
  if (tables) {
    tables.show(t);
    return;
  }
  tablesView().then(() => {
    if (readHash().v === 'tables') route();
  }, (err) => {
    $('table-panel').replaceChildren(h('p', { class: 'status error' }, `The tables could not be loaded: ${err?.message ?? err}`));
  });
}

/** Bring the page in line with the URL hash; resolves when the list and the reader are drawn. */
async function route({ fromHistory = false } = {}) {
  const state = readHash();
  if (state.v === 'tables') {
    reader.close();
    kwic?.hide();
    showTables(state.t);
    return;
  }
  if (state.v === 'kwic') {
    reader.close();
    tables?.hide();
    showKwic(state.q); // not awaited: it waits for the page to have started
    return;
  }
  reader.backTo(state.b === 'kwic' ? 'Concordance' : 'Tables');
  tables?.hide();
  kwic?.hide();
  await Promise.all([search.show(state.q, { fromHistory }), reader.show(state)]);
}

/** Re-read the article list from the core and redraw. */
async function refresh() {
  await session.reloadArticles();
  libraryView.updateButtons();
  await route();
}

/** "← Results" (or "← Tables", for an article opened from a table row). */
function goBack() {
  const { q, a, s, b } = readHash();
  if (s) {
    go(b === 'kwic' ? writeHash({ v: 'kwic', q }) : (tables?.returnHash() ?? '#v=tables'));
    return;
  }
  go(writeHash({ q }));
  search.focusResult(a);
}

function showStatus(text, { append = false } = {}) {
  status.textContent = append ? `${status.textContent}${text}` : text;
}

/**
 * Offline support where the page is served over http(s): a service worker.
 * A new build waits beside this page's (sw.js): the banner offers it, and
 * only the reader's Reload lets it take over, so this page never gets files
 * of two builds and never reloads by surprise.
 */
function registerServiceWorker() {
  if (!serviceWorkerUrl || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const sw = navigator.serviceWorker;
  const hadController = Boolean(sw.controller); // a first install's claim is no update
  let registration = null;
  let reloadAsked = false;
  $('reload').addEventListener('click', () => {
    reloadAsked = true;
    if (registration?.waiting) registration.waiting.postMessage({ type: 'skip-waiting' });
    else location.reload(); // the new build already took over (another tab's Reload)
  });
  sw.addEventListener('controllerchange', () => {
    if (reloadAsked) location.reload();
    else if (hadController) offerUpdate(); // another tab's Reload: this page should reload too
  });
  sw.register(serviceWorkerUrl).then((reg) => {
    if (!reg) return; // registration refused without an error (a blocked service worker)
    registration = reg;
    watchForUpdate(reg);
    // Tell the worker this page's build, so that a newer build taking over
    // (another tab's Reload) still serves this page its own files.
    sw.ready.then((r) => r.active?.postMessage({ type: 'loaded', build: BUILD_ID }));
  }, (err) => {
    console.info(`Offline mode unavailable: ${err?.message ?? err}`);
  });
}

/** Show the "new version" banner; its Reload button is keyboard reachable. */
function offerUpdate() {
  $('update-banner').hidden = false;
}

/** Offer a new build once it is installed and waiting (a first install is not an update). */
function watchForUpdate(reg) {
  const controlled = () => Boolean(navigator.serviceWorker.controller);
  if (reg.waiting && controlled()) offerUpdate();
  reg.addEventListener('updatefound', () => {
    const worker = reg.installing;
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed' && controlled()) offerUpdate();
    });
  });
}

/** The header's height, for the sticky reader bar (CSS reads --header-h). */
function trackHeader() {
  const header = document.querySelector('.top');
  const setHeight = () => document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`);
  setHeight();
  window.addEventListener('resize', () => {
    setHeight();
    reader.redraw();
  });
}

function wireViews() {
  search.wire(route);
  reader.wire(goBack);
  onHashChange(route);
  trackHeader();
  wireKeys($('q'), goBack);
}

async function main() {
  document.documentElement.dataset.build = BUILD_ID;
  session.configure({ status: showStatus, redraw: route, libraryUi: libraryView.ui });
  busy.wire(() => session.cancel());
  try {
    await session.start();
    performance.mark('core-ready');
  } catch (err) {
    showStatus(`Could not start the search engine: ${err?.message ?? err}`);
    return;
  }
  if (!(await session.reloadArticles())) return;
  performance.mark('corpus-decoded'); // the first call decodes the embedded blob
  wireViews();
  // The first view comes from the built-in corpus at once; the user's saved
  // articles (IndexedDB) join afterwards and the view is redrawn if any do.
  // Only a link to a saved article waits for them.
  const { a } = readHash();
  const early = !a || session.articleList().some((x) => x.id === a);
  if (early) {
    libraryView.updateButtons();
    await route(); // the article list is fresh: no second round trip for it
    // For profiling and the benchmark: the first view (results, if the URL has a query) is on screen.
    performance.mark('first-result');
  }
  // Offline support starts once the first view is drawn (its precache would compete with it).
  registerServiceWorker();
  const restored = await libraryView.restoreSaved();
  if (!early || restored) await refresh();
  if (!early) performance.mark('first-result');
  libraryView.wire({ refresh, importCorrections: async (list) => (await tablesView()).importCorrections(list) });
  document.documentElement.dataset.ready = 'true';
}

/**
 * The core in use, for the console and for tests: `core.search(q, options)`
 * and every other export of the documented API, each resolving to its
 * result (the core runs in a worker). Frozen; names are read, never set.
 */
const consoleCore = (remote) => new Proxy(Object.freeze(Object.create(null)), {
  get: (_, name) => (typeof name === 'string' && name !== 'then' ? (...args) => remote.call(name, ...args) : undefined),
});

/** A small handle for the console and for tests (no switches: it only reads). */
globalThis.articleExplorer = Object.freeze({
  build: BUILD_ID,
  /** The core in use: its exports as async functions. The same object until the core changes. */
  get core() {
    const remote = session.current();
    if (!remote) return null;
    remote.console ??= consoleCore(remote);
    return remote.console;
  },
  /** What the core in use can do (its info() at start). */
  get info() { return session.capabilities(); },
  /** Bytes of the core's wasm memory (for the benchmark and profiling). */
  memoryBytes() { return session.current()?.call('memoryBytes') ?? Promise.resolve(0); },
});

main();
