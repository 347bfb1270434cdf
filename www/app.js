// Entry point: load the wasm core, wire the search box, list and reader,
// and keep the view in the URL hash.
import init, * as core from './pkg/article_explorer.js';
import { readHash, writeHash } from './state.js';
import { renderArticleList, renderResults } from './results.js';
import { renderArticle } from './reader.js';
import { h } from './dom.js';

const $ = (id) => document.getElementById(id);
const els = {
  input: $('q'),
  form: $('search-form'),
  status: $('status'),
  suggestion: $('suggestion'),
  results: $('results'),
  listHeading: $('list-heading'),
  reader: $('reader'),
  back: $('back'),
  main: $('main'),
  readerEls: { title: $('reader-title'), meta: $('reader-meta'), body: $('reader-body') },
};

let articles = [];
let lastQuery = null;

/** Call into the core; show its error instead of throwing. */
function call(fn, ...args) {
  try {
    return { ok: true, value: fn(...args) };
  } catch (err) {
    els.status.textContent = `Error: ${err?.message ?? err}`;
    return { ok: false };
  }
}

function showSuggestion(text) {
  if (!text) {
    els.suggestion.hidden = true;
    els.suggestion.replaceChildren();
    return;
  }
  const link = h('a', { href: writeHash({ q: text }) }, text);
  els.suggestion.replaceChildren('Did you mean ', link, '?');
  els.suggestion.hidden = false;
}

function renderList(query) {
  if (query === lastQuery) return;
  lastQuery = query;
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
}

function renderReader(id, query) {
  if (!id) {
    els.reader.hidden = true;
    els.main.classList.remove('reading');
    return;
  }
  const r = call(core.highlight, id, query);
  if (!r.ok) {
    els.reader.hidden = true;
    return;
  }
  const summary = articles.find((a) => a.id === id);
  const matches = query.trim() ? ` · ${r.value.matches} match${r.value.matches === 1 ? '' : 'es'}` : '';
  renderArticle(els.readerEls, r.value, `${summary ? `${summary.words.toLocaleString('en')} words` : ''}${matches}`);
  els.reader.hidden = false;
  els.main.classList.add('reading');
  for (const link of els.results.querySelectorAll('.result-link')) {
    if (link.dataset.id === id) link.setAttribute('aria-current', 'true');
    else link.removeAttribute('aria-current');
  }
}

/** Bring the page in line with the URL hash. */
function route() {
  const { q, a } = readHash();
  if (els.input.value !== q && document.activeElement !== els.input) els.input.value = q;
  renderList(q);
  renderReader(a, q);
}

function onInput() {
  const q = els.input.value;
  const { a } = readHash();
  history.replaceState(null, '', writeHash({ q, a: q ? '' : a }) );
  route();
}

async function main() {
  try {
    await init({ module_or_path: new URL('./pkg/article_explorer_bg.wasm', import.meta.url) });
  } catch (err) {
    els.status.textContent = `Could not start the search engine: ${err?.message ?? err}`;
    return;
  }
  const r = call(core.articles);
  if (!r.ok) return;
  articles = r.value;
  els.input.disabled = false;
  els.input.addEventListener('input', onInput);
  els.form.addEventListener('submit', (e) => e.preventDefault());
  els.back.addEventListener('click', () => {
    const { q } = readHash();
    location.hash = writeHash({ q });
  });
  window.addEventListener('hashchange', route);
  route();
  document.documentElement.dataset.ready = 'true';
}

main();
