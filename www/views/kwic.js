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

const els = byIds({ main: 'main', view: 'kwic-view', panel: 'kwic-panel', heading: 'kwic-heading' });
const LINES = 5000;
let shown = null; // the query whose lines are on screen
let loading = null; // the query whose lines are on their way
let ticket = 0; // the newest call: an older answer is stale

/** The words before a match, nearest first: what "sort by the left" sorts on. */
const leftKey = (line) => line.left.trim().toLowerCase().split(/\s+/).reverse().join(' ');
const rightKey = (line) => line.right.trim().toLowerCase();

function say(text, error = false) {
  els.panel.replaceChildren(h('p', { class: error ? 'status error' : 'status', role: 'status' }, text));
}

/** The core's concordance, loading the text shards it asks for first (a large corpus). */
async function fetchLines(query) {
  await session.ensureFull('Loading the full engine for the concordance…');
  return busy.during(`Finding every match of “${query}”…`, async (job) => {
    for (let tries = 0; tries < 2; tries += 1) {
      const r = await session.request('concordance', [query, true, LINES], { supersede: 'concordance' });
      if (r.ok) return r.value;
      if (r.error?.name !== 'TextNotLoaded' || !Array.isArray(r.error.shards)) throw r.error;
      await loadShards(session.current(), r.error.shards, { onProgress: (done, total) => job.update(done, total, 'Loading the articles’ text…') });
    }
    throw new Error('the articles’ text could not be loaded');
  });
}

function table(query, result) {
  const titles = new Map(session.articleList().map((a) => [a.id, a.title]));
  const columns = [
    { key: 'left', label: 'Left', value: (l) => l.left, sortValue: leftKey, cell: (l) => h('span', { class: 'kwic-left' }, l.left) },
    { key: 'match', label: 'Match', value: (l) => l.match, cell: (l, link) => h('a', { href: link, class: 'kwic-match' }, l.match) },
    { key: 'right', label: 'Right', value: (l) => l.right, sortValue: rightKey, cell: (l) => h('span', { class: 'kwic-right' }, l.right) },
    { key: 'article', label: 'Article', value: (l) => titles.get(l.id) ?? l.id },
    { key: 'id', label: 'Id', value: (l) => l.id, hidden: true },
  ];
  return createDataTable({
    name: 'kwic',
    caption: `Concordance of ${query}`,
    columns,
    rows: result.lines,
    href: (l) => writeHash({ q: query, a: l.id, s: focusString(l.at) }),
    limit: 500,
  });
}

/** Show the concordance of `query`. */
export async function show(query) {
  els.main.classList.add('tables-mode');
  els.view.hidden = false;
  els.heading.textContent = query.trim() ? `Concordance of “${query}”` : 'Concordance';
  if (shown === query || loading === query) return;
  const mine = ++ticket;
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
  try {
    result = await fetchLines(query);
  } catch (err) {
    if (mine !== ticket) return; // a newer call is on its way
    loading = null;
    if (err?.name === 'Cancelled') say('Stopped.');
    else say(`The concordance could not be built: ${err?.message ?? err}`, true);
    return;
  }
  if (mine !== ticket) return; // a newer query: this answer is stale
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

/** Forget what is shown (the corpus changed); a call on its way still lands. */
export function reset() {
  shown = null;
}
