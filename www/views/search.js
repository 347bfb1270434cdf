// The search view: the search box and its completions, "did you mean", and
// the list pane (every article when the query is empty, ranked hits otherwise).
import { h, setCoreHtml, byIds } from '../dom.js';
import { readHash, setHash, writeHash } from '../router.js';
import * as session from '../session.js';
import { loadShards } from '../text.js';
import { unrestored } from '../library.js';
import { isDropped } from '../remote.js';

const els = byIds({
  input: 'q', form: 'search-form', completions: 'completions', status: 'status',
  suggestion: 'suggestion', results: 'results', listHeading: 'list-heading', viewLink: 'view-search',
  kwicLink: 'kwic-link',
});
let shown = null; // the query whose list is on screen
let wanted = null; // the query asked of the core, while its answer is on the way
session.onReset(() => {
  shown = null;
  wanted = null;
});

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function openLink(id, title, query) {
  return h('a', { href: writeHash({ q: query, a: id }), class: 'result-link', 'data-id': id }, title);
}

/** One line of facts about an article. */
export function articleMeta(a) {
  return [
    a.source,
    a.date,
    `${a.words.toLocaleString('en')} words`,
    a.titleDerived ? 'title from the lead' : null,
  ].filter(Boolean).join(' · ');
}

/** A saved article the core refused at start-up: its name, why, and a way to delete it (Export keeps it too). */
function unrestoredItem(r) {
  return h('li', { class: 'result unrestored' },
    h('h3', { class: 'result-title' }, r.name, h('span', { class: 'badge warn' }, 'Not loaded')),
    h('p', { class: 'result-meta' }, `Saved, but could not be loaded: ${r.reason}. Export keeps a copy.`),
    h('button', { type: 'button', class: 'button small', 'data-forget': r.id, 'aria-label': `Delete the saved copy of ${r.name}` }, 'Delete'),
  );
}

const LIST_PAGE = 100; // articles drawn at a time in the list (a corpus may have tens of thousands)

function articleItem(a) {
  return h('li', { class: a.added ? 'result added' : 'result' },
    h('h3', { class: 'result-title' }, openLink(a.id, a.title, ''), a.added ? h('span', { class: 'badge' }, 'Added') : null),
    h('p', { class: 'result-meta' }, articleMeta(a)),
    a.added
      ? h('button', { type: 'button', class: 'button small', 'data-remove': a.id, 'aria-label': `Remove ${a.title}` }, 'Remove')
      : null,
  );
}

/** A "Show more" line that draws the next page of `rest` in its place. */
function moreItem(rest, total) {
  const button = h('button', { type: 'button', class: 'button small' }, `Show ${Math.min(LIST_PAGE, rest.length).toLocaleString('en')} more (${(total - rest.length).toLocaleString('en')} of ${total.toLocaleString('en')} shown)`);
  const li = h('li', { class: 'more' }, button);
  button.addEventListener('click', () => {
    const next = rest.slice(0, LIST_PAGE);
    const after = rest.slice(LIST_PAGE);
    li.replaceWith(...next.map(articleItem), ...(after.length ? [moreItem(after, total)] : []));
    els.results.querySelectorAll('.result-link')[total - rest.length]?.focus();
  });
  return li;
}

/**
 * Render the list of every article, a page at a time: the reader's own
 * (added, with a badge and a Remove button) first, saved ones that could
 * not be loaded with their reason.
 */
function renderArticleList(list, status, articles) {
  const added = articles.filter((a) => a.added);
  const ordered = [...added, ...articles.filter((a) => !a.added)];
  const broken = unrestored();
  status.textContent = `${plural(articles.length, 'article')}${added.length ? ` (${added.length} added by you)` : ''}${broken.length ? `; ${plural(broken.length, 'saved article')} could not be loaded` : ''}. Type to search.`;
  const rest = ordered.slice(LIST_PAGE);
  list.replaceChildren(
    ...broken.map(unrestoredItem),
    ...ordered.slice(0, LIST_PAGE).map(articleItem),
    ...(rest.length ? [moreItem(rest, ordered.length)] : []),
  );
}

function explainList(hit) {
  const items = hit.explain.map((e) =>
    h('li', {}, `${e.query}: ${e.kind}${e.matched.length ? ` (${e.matched.join(', ')})` : ''} +${e.score.toFixed(2)}`),
  );
  return h('details', { class: 'why' },
    h('summary', {}, 'Why this result'),
    h('ul', {}, items),
  );
}

/** Render search results. */
function renderResults(list, status, results, query) {
  const full = results.hits.filter((hit) => !hit.partial).length;
  if (results.hits.length === 0) {
    status.textContent = `No articles match “${query}”.`;
  } else if (results.total === 0) {
    status.textContent = `No article has every word; showing ${plural(results.hits.length, 'partial match')}.`;
  } else {
    status.textContent = `${plural(results.total, 'article')} match${results.total === 1 ? 'es' : ''}.`;
  }
  list.replaceChildren(
    ...results.hits.map((hit, i) => {
      const snippet = h('p', { class: 'snippet' });
      setCoreHtml(snippet, hit.snippet);
      const partialNote = hit.partial && (i === full)
        ? h('p', { class: 'partial-note' }, 'Matching some of the words:')
        : null;
      return h('li', { class: hit.partial ? 'result partial' : 'result' },
        partialNote,
        h('h3', { class: 'result-title' }, openLink(hit.id, hit.title, query)),
        snippet,
        explainList(hit),
      );
    }),
  );
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

async function renderCompletions(query) {
  const r = query.trim() ? await session.request('suggest', [query, 6], { supersede: 'suggest' }) : { ok: true, value: [] };
  if (!r.ok || els.input.value !== query) return; // dropped, failed, or the box has moved on
  els.completions.replaceChildren(...r.value.map((c) => h('option', { value: c })));
}

/**
 * Hits of a sharded corpus whose text is not loaded come without snippets:
 * fetch their text, then draw the list again (unless the query changed).
 */
function fillSnippets(query, names) {
  const forCore = session.current();
  loadShards(forCore, names).then(() => {
    if (shown !== query || session.current() !== forCore) return;
    shown = null;
    renderList(query, { fetchText: false });
  }, (err) => {
    if (shown === query && !isDropped(err)) els.status.textContent += ` Snippets are unavailable: ${err?.message ?? err}.`;
  });
}

/** The link to the query's concordance (none without a query). */
function showKwicLink(query) {
  els.kwicLink.hidden = !query.trim();
  els.kwicLink.href = writeHash({ v: 'kwic', q: query });
}

async function renderList(query, { fetchText = true } = {}) {
  showKwicLink(query);
  if (shown === query || wanted === query) return;
  wanted = query;
  if (!query.trim()) {
    shown = query;
    els.listHeading.textContent = 'Articles';
    showSuggestion(null);
    renderArticleList(els.results, els.status, session.articleList());
    els.results.dataset.shown = query; // which query the list answers (tests and tools wait for it)
    wanted = null;
    return;
  }
  const r = await session.request('search', [query, { limit: 20, prefix: true }], { supersede: 'search' });
  if (wanted !== query) return; // a newer query is on its way: this answer is stale
  wanted = null;
  if (!r.ok) return;
  shown = query;
  els.listHeading.textContent = 'Results';
  renderResults(els.results, els.status, r.value, query);
  els.results.dataset.shown = query;
  showSuggestion(r.value.suggestion);
  if (fetchText && r.value.textNeeded.length) fillSnippets(query, r.value.textNeeded);
}

/** The links of the list, in order. */
export function resultLinks() {
  return [...els.results.querySelectorAll('.result-link')];
}

/** Mark the list's link to article `id` as the one open in the reader. */
export function markCurrent(id) {
  for (const link of resultLinks()) {
    if (link.dataset.id === id) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

/** Draw the list for query `q` (resolves when it is drawn); the box shows `q` unless the user is typing in it (or `fromHistory`). */
export function show(q, { fromHistory = false } = {}) {
  els.viewLink.setAttribute('aria-current', 'page');
  // While the user types, the box is the source of truth; otherwise the URL is.
  if (els.input.value !== q && (fromHistory || document.activeElement !== els.input)) els.input.value = q;
  return renderList(q);
}

/** Focus the link to article `id`, or the search box. */
export function focusResult(id) {
  (resultLinks().find((l) => l.dataset.id === id) ?? els.input).focus();
}

/** Wire the search box; `onChange()` routes after the query changed. */
export function wire(onChange) {
  els.input.disabled = false;
  els.form.addEventListener('submit', (e) => e.preventDefault());
  els.input.addEventListener('input', () => {
    const q = els.input.value;
    const state = readHash();
    // Leaving an open article is a step back can return to; refining a query is not.
    setHash({ q }, { push: Boolean(state.a || state.v) });
    renderCompletions(q);
    onChange();
  });
}
