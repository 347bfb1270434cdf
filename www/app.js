// Entry point: load the wasm core, wire the search box, list and reader,
// keyboard shortcuts, and keep the view in the URL hash.
import { loadCore, loadFullCore, restartCore, memoryBytes, BUILD_ID, serviceWorkerUrl } from './core.js';
import { readHash, writeHash, parseFocus, sameSegment } from './state.js';
import { renderArticleList, renderResults, articleMeta } from './results.js';
import * as library from './library.js';
import { renderArticle } from './reader.js';
import { createMatchNav } from './matches.js';
import { h } from './dom.js';
import { loadShards, allText } from './text.js';

const $ = (id) => document.getElementById(id);
const els = {
  input: $('q'),
  form: $('search-form'),
  completions: $('completions'),
  status: $('status'),
  suggestion: $('suggestion'),
  results: $('results'),
  listHeading: $('list-heading'),
  reader: $('reader'),
  back: $('back'),
  main: $('main'),
  readerEls: { title: $('reader-title'), meta: $('reader-meta'), body: $('reader-body') },
  content: $('reader-content'),
  matchEls: { count: $('match-count'), prev: $('prev-match'), next: $('next-match'), strip: $('density') },
  fileInput: $('file-input'),
  importInput: $('import-input'),
  exportButton: $('export'),
  removeAll: $('remove-all'),
  dropOverlay: $('drop-overlay'),
  libraryUi: { progress: $('progress'), log: $('import-log') },
  tablesView: $('tables-view'),
  tableEls: { tabs: $('table-tabs'), panel: $('table-panel') },
  viewSearch: $('view-search'),
  viewTables: $('view-tables'),
};

let core = null;
let articles = [];
let shown = { list: null, article: null, tables: null }; // what is on screen
let tablesData = null; // the core's tables() for the current corpus, built on first view
let tablesHash = '#v=tables'; // where "← Tables" returns to
let tablesUi = null; // ./tables.js, loaded when the tables are first opened
let fixesUi = null; // ./corrections.js, with it
let corrections = []; // the reader's corrections (IndexedDB), applied by the core
let outcomes = []; // what the core made of each
let hasCorrections = false; // some are stored (Export has something to save)
let correctionsIn = null; // the core that holds `corrections` now (a fresh core has none)
let nav = null;

let faults = 0; // injected faults still to fire (see articleExplorer.injectFault)

/** Call into the core; show its error instead of throwing. */
function call(fn, ...args) {
  try {
    if (faults > 0) {
      faults -= 1;
      throw new WebAssembly.RuntimeError('unreachable (injected fault)');
    }
    return { ok: true, value: fn(...args) };
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) {
      recover(err);
    } else {
      els.status.textContent = `Error: ${err?.message ?? err}`;
    }
    return { ok: false };
  }
}

let recovering = null;
/** The wasm instance trapped: say so, start a fresh one, bring back the user's articles. */
function recover(err) {
  els.status.textContent = 'The search engine hit an internal error and is restarting…';
  console.warn(`wasm trap: ${err?.message ?? err}`);
  recovering ??= (async () => {
    try {
      const full = (() => { try { return core.info().tables; } catch { return false; } })();
      const next = await restartCore(full);
      await library.restore(next, els.libraryUi);
      core = next;
      shown = { list: null, article: null, tables: null };
      tablesData = null;
      route();
      els.status.textContent = `${els.status.textContent} (The search engine was restarted after an internal error.)`;
    } catch (e) {
      els.status.textContent = `The search engine could not be restarted (${e?.message ?? e}); reload the page.`;
    } finally {
      recovering = null;
    }
  })();
}

function showSuggestion(text) {
  if (!text) {
    els.suggestion.hidden = true;
    els.suggestion.replaceChildren();
    return;
  }
  els.suggestion.replaceChildren('Did you mean ', h('a', { href: writeHash({ q: text }) }, text), '?');
  els.suggestion.hidden = false;
}

function renderCompletions(query) {
  const r = query.trim() ? call(core.suggest, query, 6) : { ok: true, value: [] };
  if (!r.ok) return;
  els.completions.replaceChildren(...r.value.map((c) => h('option', { value: c })));
}

/**
 * Hits of a sharded corpus whose text is not loaded come without snippets:
 * fetch their text, then draw the list again (unless the query changed).
 */
function fillSnippets(query, names) {
  const forCore = core;
  loadShards(forCore, names).then(() => {
    if (shown.list !== query || core !== forCore) return;
    shown.list = null;
    renderList(query, { fetchText: false });
  }, (err) => {
    if (shown.list === query) els.status.textContent += ` Snippets are unavailable: ${err?.message ?? err}.`;
  });
}

function renderList(query, { fetchText = true } = {}) {
  if (shown.list === query) return;
  shown.list = query;
  if (!query.trim()) {
    els.listHeading.textContent = 'Articles';
    showSuggestion(null);
    renderArticleList(els.results, els.status, articles);
    return;
  }
  els.listHeading.textContent = 'Results';
  const r = call(core.search, query, { limit: 20, prefix: true });
  if (!r.ok) return;
  renderResults(els.results, els.status, r.value, query);
  showSuggestion(r.value.suggestion);
  if (fetchText && r.value.textNeeded.length) fillSnippets(query, r.value.textNeeded);
}

function markCurrentResult(id) {
  for (const link of els.results.querySelectorAll('.result-link')) {
    if (link.dataset.id === id) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

function closeReader() {
  els.reader.hidden = true;
  els.main.classList.remove('reading');
  shown.article = null;
  nav = null;
}

/** The 1-based number of the mark that holds the focus range, if any. */
function focusMark(ranges, focus) {
  if (!focus) return 0;
  const i = ranges.findIndex((r) => sameSegment(r.segment, focus.segment) && r.start <= focus.start && focus.start < Math.max(r.end, r.start + 1));
  return i + 1;
}

function renderReader(id, query, m, s) {
  if (!id) {
    closeReader();
    return;
  }
  const focus = parseFocus(s);
  els.back.textContent = focus ? '← Tables' : '← Results';
  if (!(shown.article && shown.article.a === id && shown.article.q === query && shown.article.s === s)) {
    if (!articleTextHere(id)) return;
    const r = call(core.highlight, id, query, focus);
    if (!r.ok) {
      closeReader();
      return;
    }
    const summary = articles.find((a) => a.id === id);
    const matches = query.trim() ? ` · ${r.value.matches} match${r.value.matches === 1 ? '' : 'es'}` : '';
    renderArticle(els.readerEls, r.value, `${summary ? articleMeta(summary) : ''}${matches}`);
    els.reader.hidden = false;
    els.main.classList.add('reading');
    els.reader.classList.toggle('has-query', Boolean(query.trim()));
    shown.article = { a: id, q: query, s };
    nav = createMatchNav(els.content, els.matchEls, (n) => {
      const state = readHash();
      if (state.m !== n) history.replaceState(null, '', writeHash({ ...state, m: n }));
    });
    if (!m && nav.count) m = focusMark(r.value.ranges, focus) || 1;
    if (!nav.count) window.scrollTo({ top: 0, behavior: 'instant' });
  }
  markCurrentResult(id);
  if (nav && nav.count && m && m !== nav.current) nav.show(m);
}

/**
 * True when article `id`'s text is loaded. Otherwise fetch it (a sharded
 * corpus), say so, and route again once it is here; false meanwhile.
 */
function articleTextHere(id) {
  const need = call(core.textNeeded, [id]);
  if (!need.ok) {
    closeReader();
    return false;
  }
  if (!need.value.length) return true;
  els.status.textContent = 'Loading the article…';
  loadShards(core, need.value).then(() => route(), (err) => {
    if (readHash().a !== id) return; // the user has moved on
    closeReader();
    els.status.textContent = `The article could not be loaded: ${err?.message ?? err}`;
  });
  return false;
}

/** Show the summary tables (tab `t`); the core builds them on first use. */
function showTables(t) {
  els.main.classList.add('tables-mode');
  els.tablesView.hidden = false;
  els.viewTables.setAttribute('aria-current', 'page');
  els.viewSearch.removeAttribute('aria-current');
  tablesHash = location.hash || '#v=tables';
  if (!core.info().tables || !tablesUi) {
    // The tables live in the full core and in modules of their own: fetch
    // them once, then draw (if the tables are still wanted).
    els.tableEls.panel.replaceChildren(h('p', { class: 'status', role: 'status' }, 'Loading the tables…'));
    Promise.all([
      ensureFull('Loading the tables…'),
      import('./tables.js'),
      import('./corrections.js'),
      library.storedCorrections(),
    ])
      .then(([, mod, fixes, stored]) => {
        fixesUi = fixes;
        [corrections] = fixes.sanitize(stored);
        tablesUi = mod;
        if (readHash().v === 'tables') route();
      })
      .catch((err) => {
        els.tableEls.panel.replaceChildren(h('p', { class: 'status error' }, `The tables could not be loaded: ${err?.message ?? err}`));
      });
    return;
  }
  if (!tablesData && !tablesTextHere()) return;
  if (!tablesData) {
    els.tableEls.panel.replaceChildren(h('p', { class: 'status' }, 'Finding names, figures and quotes…'));
    if (!applyCorrections()) return;
    const r = call(core.tables);
    if (!r.ok) return;
    tablesData = r.value;
    shown.tables = null;
  }
  if (shown.tables === t) return;
  shown.tables = t;
  tablesUi.renderTables(els.tableEls, tablesData, t, { state: { list: corrections, outcomes }, actions: fixActions });
}

/** Hand the reader's corrections to the core, unless it holds them already
 *  (each call extracts the corpus again). */
function applyCorrections() {
  if (correctionsIn === core) return true;
  const r = call(core.setCorrections, corrections);
  if (!r.ok) return false;
  outcomes = r.value;
  correctionsIn = core;
  return true;
}

/** Redraw the tables after the corrections changed (and keep them). */
async function correctionsChanged() {
  await library.keepCorrections(corrections);
  hasCorrections = corrections.length > 0;
  els.exportButton.disabled = !articles.some((a) => a.added) && !hasCorrections;
  tablesData = null;
  shown.tables = null;
  route();
}

const fixActions = {
  /** Add a correction; one the core refuses is not kept. Resolves to its outcome. */
  async add(c) {
    const before = corrections;
    corrections = [...corrections, c];
    const r = call(core.setCorrections, corrections);
    const outcome = r.ok ? r.value[r.value.length - 1] : { ok: false, message: 'the core refused it' };
    if (!outcome?.ok) {
      corrections = before;
      correctionsIn = null;
      applyCorrections();
      return outcome;
    }
    outcomes = r.value;
    correctionsIn = core; // the core built its tables with them: no second extraction
    await correctionsChanged();
    return outcome;
  },
  /** Take back correction `i`. */
  async undo(i) {
    corrections = corrections.filter((_, k) => k !== i);
    correctionsIn = null;
    await correctionsChanged();
  },
};

let textLoading = null;
let textStatus = null; // the progress line: one for the whole load, shown again on a tab switch
/** True when every article's text is here; otherwise load it all (with progress) and route again. */
function tablesTextHere() {
  const need = call(core.textNeeded, null);
  if (!need.ok) return false;
  if (!need.value.length) return true;
  textStatus ??= h('p', { class: 'status', role: 'status' }, 'Loading the articles’ text…');
  els.tableEls.panel.replaceChildren(textStatus);
  textLoading ??= allText(core, (done, total) => {
    textStatus.textContent = `Loading the articles’ text… ${done} of ${total} parts`;
  }).then(() => {
    if (readHash().v === 'tables') route();
  }, (err) => {
    els.tableEls.panel.replaceChildren(h('p', { class: 'status error' }, `The tables could not be built: ${err?.message ?? err}`));
  }).finally(() => {
    textLoading = null;
    textStatus = null;
  });
  return false;
}

function hideTables() {
  els.main.classList.remove('tables-mode');
  els.tablesView.hidden = true;
  els.viewSearch.setAttribute('aria-current', 'page');
  els.viewTables.removeAttribute('aria-current');
  shown.tables = null;
}

/** Bring the page in line with the URL hash. */
function route({ fromHistory = false } = {}) {
  const { q, a, m, s, v, t } = readHash();
  if (v === 'tables') {
    closeReader();
    showTables(t);
    return;
  }
  hideTables();
  // While the user types, the box is the source of truth; otherwise the URL is.
  if (els.input.value !== q && (fromHistory || document.activeElement !== els.input)) els.input.value = q;
  renderList(q);
  renderReader(a, q, m, s);
}

function onInput() {
  const q = els.input.value;
  const state = readHash();
  const hash = writeHash({ q });
  // Leaving an open article is a step back can return to; refining a query is not.
  if (state.a || state.v) history.pushState(null, "", hash);
  else history.replaceState(null, '', hash);
  renderCompletions(q);
  route();
}

function resultLinks() {
  return [...els.results.querySelectorAll('.result-link')];
}

function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function goBackToResults() {
  const { q, a, s } = readHash();
  if (s) {
    location.hash = tablesHash;
    return;
  }
  location.hash = writeHash({ q });
  const link = resultLinks().find((l) => l.dataset.id === a);
  (link ?? els.input).focus();
}

function onKeydown(e) {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const links = resultLinks();
  const at = links.indexOf(document.activeElement);
  if (e.target === els.input) {
    if (e.key === 'ArrowDown' && links.length) {
      e.preventDefault();
      links[0].focus();
    } else if (e.key === 'Escape' && !els.reader.hidden) {
      e.preventDefault();
      goBackToResults();
    }
    return;
  }
  if (isTyping(e.target)) return;
  if (e.key === '/') {
    e.preventDefault();
    els.input.focus();
    els.input.select();
  } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && at >= 0) {
    e.preventDefault();
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) els.input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  } else if (e.key === 'n' && nav && !els.reader.hidden) {
    e.preventDefault();
    nav.next();
  } else if (e.key === 'N' && nav && !els.reader.hidden) {
    e.preventDefault();
    nav.prev();
  } else if (e.key === 'Escape' && !els.reader.hidden) {
    e.preventDefault();
    goBackToResults();
  }
}

/** Re-read the article list from the core and redraw. */
function refreshArticles() {
  const r = call(core.articles);
  if (r.ok) articles = r.value;
  const hasAdded = articles.some((a) => a.added);
  els.exportButton.disabled = !hasAdded && !hasCorrections;
  els.removeAll.disabled = !hasAdded;
  shown = { list: null, article: null, tables: null };
  tablesData = null;
  route();
}

let busy = false;
/** Run one library task at a time; the controls are disabled meanwhile. */
async function libraryTask(task) {
  if (busy) return;
  busy = true;
  for (const el of [els.fileInput, els.importInput, els.exportButton, els.removeAll]) el.disabled = true;
  try {
    await task();
  } catch (err) {
    library.report(els.libraryUi.log, `Error: ${err?.message ?? err}`, true);
  } finally {
    busy = false;
    els.fileInput.disabled = false;
    els.importInput.disabled = false;
    refreshArticles();
  }
}

/**
 * Adding articles (and reading HTML files) needs the full core: the page's
 * first module only searches and reads. Load it and move the added articles
 * over; true when the core was switched.
 */
async function ensureAdding(names, records = undefined) {
  if (!library.needsFullCore(core, names)) return false;
  return ensureFull('Loading support for adding articles…', records);
}

let fullLoading = null;
/**
 * Switch to the full core (adding articles, HTML files, summary tables),
 * moving the saved articles over (`records`, when the caller has read them).
 */
async function ensureFull(message, records = undefined) {
  if (core.info().tables) return false;
  fullLoading ??= (async () => {
    els.status.textContent = message;
    try {
      const next = await loadFullCore();
      await library.restore(next, els.libraryUi, records);
      core = next;
      tablesData = null;
      shown = { list: null, article: null, tables: null };
    } finally {
      fullLoading = null;
    }
  })();
  await fullLoading;
  return true;
}

async function addPicked(files) {
  els.libraryUi.log.replaceChildren();
  await ensureAdding(files.map((f) => f.name));
  await library.addFiles(core, files, els.libraryUi);
}

async function importPicked(file) {
  els.libraryUi.log.replaceChildren();
  const entries = await library.readExport(file, els.libraryUi);
  if (!entries) return;
  if (entries.length) {
    await ensureAdding(entries.map((e) => e.name));
    await library.importEntries(core, entries, els.libraryUi);
  }
  if (entries.corrections.length) {
    const fixes = fixesUi ?? await import('./corrections.js');
    const stored = fixes.sanitize(await library.storedCorrections())[0];
    const [incoming, refused] = fixes.sanitize(entries.corrections);
    const seen = new Set(stored.map((c) => JSON.stringify(c)));
    const added = incoming.filter((c) => !seen.has(JSON.stringify(c)));
    corrections = [...stored, ...added];
    correctionsIn = null;
    await library.keepCorrections(corrections);
    hasCorrections = corrections.length > 0;
    library.report(els.libraryUi.log, `Imported ${added.length} correction${added.length === 1 ? '' : 's'}${refused.length ? `, ${refused.length} malformed ones refused` : ''}.`, refused.length > 0);
    tablesData = null;
    shown.tables = null;
    if (readHash().v === 'tables') route();
  }
}

function wireLibrary() {
  els.fileInput.disabled = false;
  els.importInput.disabled = false;
  els.fileInput.addEventListener('change', () => {
    const files = [...els.fileInput.files];
    els.fileInput.value = '';
    if (files.length) libraryTask(() => addPicked(files));
  });
  els.importInput.addEventListener('change', () => {
    const [file] = els.importInput.files;
    els.importInput.value = '';
    if (file) libraryTask(() => importPicked(file));
  });
  els.exportButton.addEventListener('click', () => libraryTask(async () => {
    const n = await library.exportAll();
    library.report(els.libraryUi.log, `Exported ${n} article${n === 1 ? '' : 's'} to my-articles.json.`);
  }));
  els.removeAll.addEventListener('click', () => {
    const mine = articles.filter((a) => a.added).map((a) => a.id);
    if (!mine.length || !confirm(`Remove all ${mine.length} articles you added? Export them first to keep a copy.`)) return;
    libraryTask(async () => {
      await library.removeAll(core, mine);
      els.libraryUi.log.replaceChildren();
      library.report(els.libraryUi.log, `Removed ${mine.length} article${mine.length === 1 ? '' : 's'}.`);
    });
  });
  els.results.addEventListener('click', (e) => {
    const id = e.target instanceof Element ? e.target.closest('[data-remove]')?.dataset.remove : null;
    if (!id) return;
    libraryTask(async () => {
      await library.removeOne(core, id);
      library.report(els.libraryUi.log, `Removed ${id}.`);
    });
  });
  // Dropping files anywhere on the page adds them.
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth += 1;
    els.dropOverlay.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) els.dropOverlay.hidden = true;
  });
  window.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    els.dropOverlay.hidden = true;
    const files = [...e.dataTransfer.files];
    if (files.length) libraryTask(() => addPicked(files));
  });
}

/** Offline support where the page is served over http(s): a service worker. */
function registerServiceWorker() {
  if (!serviceWorkerUrl || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (hadController) $('update-banner').hidden = false;
  });
  $('reload').addEventListener('click', () => location.reload());
  navigator.serviceWorker.register(serviceWorkerUrl).catch((err) => {
    console.info(`Offline mode unavailable: ${err?.message ?? err}`);
  });
}

async function main() {
  document.documentElement.dataset.build = BUILD_ID;
  registerServiceWorker();
  try {
    core = await loadCore();
    performance.mark('core-ready');
  } catch (err) {
    els.status.textContent = `Could not start the search engine: ${err?.message ?? err}`;
    return;
  }
  const r = call(core.articles);
  if (!r.ok) return;
  articles = r.value;
  performance.mark('corpus-decoded'); // the first call decodes the embedded blob
  els.input.disabled = false;
  els.input.addEventListener('input', onInput);
  els.form.addEventListener('submit', (e) => e.preventDefault());
  els.back.addEventListener('click', goBackToResults);
  window.addEventListener('hashchange', () => route({ fromHistory: true }));
  const header = document.querySelector('.top');
  const setHeaderHeight = () => document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`);
  setHeaderHeight();
  window.addEventListener('resize', () => {
    setHeaderHeight();
    nav?.redraw();
  });
  document.addEventListener('keydown', onKeydown);
  // The first view comes from the built-in corpus at once; the user's saved
  // articles (IndexedDB) join afterwards and the view is redrawn if any do.
  // Only a link to a saved article waits for them.
  const { a } = readHash();
  const early = !a || articles.some((x) => x.id === a);
  if (early) {
    refreshArticles();
    // For profiling and the benchmark: the first view (results, if the URL has a query) is on screen.
    performance.mark('first-result');
  }
  const records = await library.storedRecords(els.libraryUi);
  if (records?.length) {
    try {
      // Switching to the full core restores the saved articles into it.
      if (!(await ensureAdding(records.map((r) => r.name), records))) await library.restore(core, els.libraryUi, records);
    } catch (err) {
      library.report(els.libraryUi.log, `Your saved articles could not be loaded: ${err?.message ?? err}`, true);
    }
  }
  performance.mark('library-restored');
  hasCorrections = (await library.storedCorrections()).length > 0;
  if (!early || records?.length || hasCorrections) refreshArticles();
  if (!early) performance.mark('first-result');
  wireLibrary();
  document.documentElement.dataset.ready = 'true';
}

/** A small handle for the console and for tests. */
globalThis.articleExplorer = Object.freeze({
  build: BUILD_ID,
  /** The core module in use (its exports are the documented API). */
  get core() { return core; },
  /** Bytes of the core's wasm memory (for the benchmark and profiling). */
  memoryBytes() { return memoryBytes(); },
  /** Make the next core call fail as a wasm trap would (tests the recovery). */
  injectFault() { faults += 1; },
});

main();
