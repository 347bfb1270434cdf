// The concordance view (#v=kwic&q=…): every match of the query across the
// corpus as one line, left context | match | right context, sortable by the
// words to the left or the right, each line opening the reader at its
// match, downloadable as CSV or JSON. The core finds the matches with the
// same resolved query as search and the reader (the last word a prefix, as
// typed; full core: concordance()).
import { h, byIds } from '../dom.js';
import * as session from '../session.js';
import * as busy from '../busy.js';
import { loadShards } from '../text.js';
import { writeHash, focusString } from '../router.js';
import { createDataTable } from './datatable.js';

const els = byIds({ main: 'main', view: 'kwic-view', panel: 'kwic-panel', heading: 'kwic-heading', viewSearch: 'view-search' });
const LINES = 5000;
let shown = null; // the query whose lines (or whose "stopped" note) are on screen
let loading = null; // the query whose lines are on their way
let ticket = 0; // the newest call: an older answer is stale
let stoppedFor = null; // the query whose search the reader cancelled (kept across the core's restart)

/** The words before a match, nearest first: what "sort by the left" sorts on. */
const leftKey = (line) => line.left.trim().toLowerCase().split(/\s+/).reverse().join(' ');
const rightKey = (line) => line.right.trim().toLowerCase();

function say(text, error = false) {
  els.panel.replaceChildren(h('p', { class: error ? 'status error' : 'status', role: 'status' }, text));
}

/** Resolves once the page has started (its saved articles restored): the
 *  full core takes them over, so it must not start before. */
function pageReady() {
  const html = document.documentElement;
  if (html.dataset.ready === 'true') return Promise.resolve();
  return new Promise((resolve) => {
    const watch = new MutationObserver(() => {
      if (html.dataset.ready !== 'true') return;
      watch.disconnect();
      resolve();
    });
    watch.observe(html, { attributes: true, attributeFilter: ['data-ready'] });
  });
}

/** The core's concordance, loading (and keeping) the text shards it asks for first; null when a newer call took over. */
async function fetchLines(query, mine) {
  return busy.during(`Finding every match of “${query}”…`, async (job) => {
    for (let tries = 0; tries < 2; tries += 1) {
      const r = await session.request('concordance', [query, true, LINES], { supersede: 'concordance' });
      if (mine !== ticket) return null;
      if (r.ok) return r.value;
      if (r.error?.name !== 'TextNotLoaded' || !Array.isArray(r.error.shards)) throw r.error;
      await loadShards(session.current(), r.error.shards, { keep: true, onProgress: (done, total) => job.update(done, total, 'Loading the articles’ text…') });
      if (mine !== ticket) return null;
    }
    throw new Error('the articles’ text could not be loaded');
  });
}

/** "Stopped", with a button that finds them after all. */
function stopped(query) {
  const again = h('button', { type: 'button', class: 'button' }, 'Find them again');
  again.addEventListener('click', () => {
    stoppedFor = null;
    shown = null;
    show(query);
  });
  els.panel.replaceChildren(h('p', { class: 'status', role: 'status' }, 'Stopped. '), again);
}

function table(query, result) {
  const titles = new Map(session.articleList().map((a) => [a.id, a.title]));
  const columns = [
    { key: 'left', label: 'Left', value: (l) => l.left, sortValue: (l) => l.leftKey, cell: (l) => h('span', { class: 'kwic-left' }, l.left) },
    { key: 'match', label: 'Match', value: (l) => l.match, cell: (l, link) => h('a', { href: link, class: 'kwic-match' }, l.match) },
    { key: 'right', label: 'Right', value: (l) => l.right, sortValue: (l) => l.rightKey, cell: (l) => h('span', { class: 'kwic-right' }, l.right) },
    { key: 'article', label: 'Article', value: (l) => titles.get(l.id) ?? l.id },
    { key: 'id', label: 'Id', value: (l) => l.id, hidden: true },
  ];
  return createDataTable({
    name: 'kwic',
    caption: `Concordance of ${query}`,
    columns,
    rows: result.lines.map((l) => ({ ...l, leftKey: leftKey(l), rightKey: rightKey(l) })),
    href: (l) => writeHash({ q: query, a: l.id, s: focusString(l.at), b: 'kwic' }),
    limit: 500,
  });
}

/** Show the concordance of `query`. */
export async function show(query) {
  els.main.classList.add('tables-mode');
  els.view.hidden = false;
  els.viewSearch.removeAttribute('aria-current');
  els.heading.textContent = query.trim() ? `Concordance of “${query}”` : 'Concordance';
  if (stoppedFor !== query) stoppedFor = null;
  if (shown === query || loading === query || stoppedFor === query) return;
  loading = query;
  shown = null;
  if (!query.trim()) {
    loading = null;
    shown = query;
    say('Search for a word or a phrase first: its concordance lists every match with the words around it.');
    return;
  }
  say('Finding every match…');
  let result;
  let mine = -1;
  try {
    await pageReady();
    await session.ensureFull('Loading the full engine for the concordance…');
    // Taken after the switch (which resets the views): a reset from now on drops this answer.
    mine = ++ticket;
    loading = query;
    result = await fetchLines(query, mine);
  } catch (err) {
    if (err?.name === 'Cancelled') {
      // Cancel stops every call; the redraw after it must not start this one again.
      loading = null;
      stoppedFor = query;
      stopped(query);
      return;
    }
    if (mine !== -1 && mine !== ticket) return; // a newer call is on its way
    loading = null;
    say(`The concordance could not be built: ${err?.message ?? err}`, true);
    return;
  }
  if (result === null || mine !== ticket) return; // a newer query, or the corpus changed: stale
  loading = null;
  shown = query;
  const { matches, articles, lines } = result;
  const summary = matches === 0
    ? 'No matches.'
    : `${matches.toLocaleString('en')} match${matches === 1 ? '' : 'es'} in ${articles.toLocaleString('en')} article${articles === 1 ? '' : 's'}${lines.length < matches ? ` (the first ${lines.length.toLocaleString('en')} listed)` : ''}. Sort by the words to the left or the right; a line opens the article at its match.`;
  els.panel.replaceChildren(h('p', { class: 'table-note', id: 'kwic-summary' }, summary), matches ? table(query, result) : '');
}

/** Leave the view. */
export function hide() {
  els.view.hidden = true;
  els.main.classList.remove('tables-mode');
}

/** Forget what is shown (the corpus changed): an answer on its way is stale. */
export function reset() {
  shown = null;
  loading = null;
  ticket += 1;
}
