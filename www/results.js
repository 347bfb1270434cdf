// The list pane: all articles when the query is empty, ranked hits otherwise.
import { h, setCoreHtml } from './dom.js';

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function openLink(id, title, query) {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  params.set('a', id);
  return h('a', { href: `#${params}`, class: 'result-link', 'data-id': id }, title);
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

/** Render the list of every article; added ones get a badge and a Remove button. */
export function renderArticleList(list, status, articles) {
  const added = articles.filter((a) => a.added).length;
  status.textContent = `${plural(articles.length, 'article')}${added ? ` (${added} added by you)` : ''}. Type to search.`;
  list.replaceChildren(
    ...articles.map((a) =>
      h('li', { class: a.added ? 'result added' : 'result' },
        h('h3', { class: 'result-title' }, openLink(a.id, a.title, ''), a.added ? h('span', { class: 'badge' }, 'Added') : null),
        h('p', { class: 'result-meta' }, articleMeta(a)),
        a.added
          ? h('button', { type: 'button', class: 'button small', 'data-remove': a.id, 'aria-label': `Remove ${a.title}` }, 'Remove')
          : null,
      ),
    ),
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
export function renderResults(list, status, results, query) {
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
