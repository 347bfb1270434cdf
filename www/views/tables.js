// The tables view: shows and hides the summary tables, brings the full core
// and the tables' modules (./tabs.js, ./corrections.js) on first use, loads a
// sharded corpus's whole text, and keeps the reader's corrections of the
// Names table (stored, handed to the core before it builds the tables).
import { h, byIds } from '../dom.js';
import { readHash } from '../router.js';
import * as session from '../session.js';
import * as library from '../library.js';
import { allText } from '../text.js';
import * as busy from '../busy.js';

const els = {
  ...byIds({ main: 'main', view: 'tables-view', viewSearch: 'view-search', viewTables: 'view-tables' }),
  tabs: byIds({ tabs: 'table-tabs', panel: 'table-panel' }),
};
let data = null; // the core's tables() for the current corpus, built on first view
let shown = null; // the tab on screen
let returnTo = '#v=tables'; // where "← Tables" returns to
let tabsUi = null; // ./tabs.js, loaded when the tables are first opened
let fixesUi = null; // ./corrections.js, with it
let corrections = []; // the reader's corrections (IndexedDB), applied by the core
let outcomes = []; // what the core made of each
let correctionsIn = null; // the core that holds `corrections` now (a fresh core has none)
let building = null; // a Promise of the tables while the core builds them
let cancelled = false; // the reader stopped the build: wait until they ask again (or leave and come back)
let hooks = { again: () => {}, corrected: () => {} };
session.onReset(forget);

/** Drop the tables drawn from the corpus (they are built again on the next show). */
function forget() {
  data = null;
  shown = null;
}

/** The hash of the tables view last shown (the reader's "← Tables" goes there). */
export function returnHash() {
  return returnTo;
}

function say(text, isError = false) {
  els.tabs.panel.replaceChildren(h('p', isError ? { class: 'status error' } : { class: 'status', role: 'status' }, text));
}

/** The tables live in the full core and in modules of their own: fetch them once, then draw. */
function loadOnce() {
  say('Loading the tables…');
  Promise.all([
    session.ensureFull('Loading the tables…'),
    import('./tabs.js'),
    import('./corrections.js'),
    library.storedCorrections(),
  ])
    .then(([, tabs, fixes, stored]) => {
      fixesUi = fixes;
      [corrections] = fixes.sanitize(stored);
      tabsUi = tabs;
      if (readHash().v === 'tables') hooks.again();
    })
    .catch((err) => say(`The tables could not be loaded: ${err?.message ?? err}`, true));
}

/** Hand the reader's corrections to the core, unless it holds them already
 *  (each call extracts the corpus again). */
async function applyCorrections() {
  const core = session.current();
  if (correctionsIn === core) return;
  const r = await session.call('setCorrections', corrections);
  if (!r.ok) throw r.error;
  outcomes = r.value;
  correctionsIn = core;
}

/** The core's tables, built (with the corrections) on first use, one build at a time. */
function build() {
  if (data) return Promise.resolve(data);
  building ??= busy.during('Finding names, figures and quotes…', async (job) => {
    const core = session.current();
    // A sharded corpus's whole text first (kept), with progress.
    await allText(core, (done, total) => job.update(done, total, 'Loading the articles’ text…'));
    await applyCorrections();
    // The rows come in batches (a large corpus's tables are tens of MB).
    const parts = new Map();
    const onChunk = ({ key, rows }) => {
      const into = parts.get(key) ?? [];
      for (const row of rows) into.push(row);
      parts.set(key, into);
    };
    const r = await session.request('tablesInParts', [], { onChunk });
    if (!r.ok) throw r.error;
    const tables = Object.fromEntries(r.value.map((key) => [key, parts.get(key) ?? []]));
    if (session.current() === core) data = tables;
    return tables;
  }).finally(() => { building = null; });
  return building;
}

/** Stopped by Cancel (or an error): say so, with a button to build them after all. */
function stopped(err) {
  if (err?.name === 'Cancelled') {
    const again = h('button', { type: 'button', class: 'button' }, 'Build the tables');
    again.addEventListener('click', () => {
      cancelled = false;
      hooks.again();
    });
    cancelled = true;
    els.tabs.panel.replaceChildren(h('p', { class: 'status', role: 'status' }, 'Stopped. The tables were not built. '), again);
    return;
  }
  if (err?.name !== 'Superseded') say(`The tables could not be built: ${err?.message ?? err}`, true);
}

/** Show the summary tables (tab `t`); the core builds them on first use. */
export function show(t) {
  els.main.classList.add('tables-mode');
  els.view.hidden = false;
  els.viewTables.setAttribute('aria-current', 'page');
  els.viewSearch.removeAttribute('aria-current');
  returnTo = location.hash || '#v=tables';
  if (!session.isFull() || !tabsUi) {
    loadOnce();
    return;
  }
  if (data && shown === t) return;
  if (cancelled) return;
  if (!data) say('Finding names, figures and quotes…');
  build().then((tablesData) => {
    if (readHash().v !== 'tables' || readHash().t !== t || shown === t || tablesData !== data) return;
    shown = t;
    tabsUi.renderTables(els.tabs, data, t, { state: { list: corrections, outcomes }, actions: fixActions });
  }, stopped);
}

/** Leave the tables view. */
export function hide() {
  els.main.classList.remove('tables-mode');
  els.view.hidden = true;
  els.viewTables.removeAttribute('aria-current'); // the search view marks its own link
  shown = null;
  cancelled = false; // coming back builds them again
}

/** Keep the corrections, say how many there are, and draw again. */
async function keep(list) {
  corrections = list;
  await library.keepCorrections(corrections);
  hooks.corrected(corrections.length);
  forget();
  hooks.again();
}

const fixActions = {
  /** Add a correction; one the core refuses is not kept. Resolves to its outcome. */
  async add(c) {
    const before = corrections;
    corrections = [...corrections, c];
    const r = await session.call('setCorrections', corrections);
    const outcome = r.ok ? r.value[r.value.length - 1] : { ok: false, message: 'the core refused it' };
    if (!outcome?.ok) {
      corrections = before;
      correctionsIn = null;
      await applyCorrections().catch(() => {});
      return outcome;
    }
    outcomes = r.value;
    correctionsIn = session.current(); // the core built its tables with them: no second extraction
    await keep(corrections);
    return outcome;
  },
  /** Take back correction `i`. */
  async undo(i) {
    correctionsIn = null;
    await keep(corrections.filter((_, k) => k !== i));
  },
};

/** Add the corrections of an import file to the stored ones; resolves to { added, refused } counts. */
export async function importCorrections(list) {
  const fixes = fixesUi ?? await import('./corrections.js');
  const stored = fixes.sanitize(await library.storedCorrections())[0];
  const [incoming, refused] = fixes.sanitize(list);
  const seen = new Set(stored.map((c) => JSON.stringify(c)));
  const added = incoming.filter((c) => !seen.has(JSON.stringify(c)));
  correctionsIn = null;
  await keep([...stored, ...added]);
  return { added: added.length, refused: refused.length };
}

/** `again()` routes anew (the tables or the text arrived); `corrected(n)`: the reader now has n corrections. */
export function wire(options) {
  hooks = { ...hooks, ...options };
}
