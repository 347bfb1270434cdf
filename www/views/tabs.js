// The summary tables' tabs and panels (loaded on demand by ./tables.js):
// one tab per table the core builds (articles, names, figures, quotes,
// across sources, dates, tables found in the text) and a tab of charts.
// Rows link to the sentence they come from.
import { h } from '../dom.js';
import { writeHash, focusString } from '../router.js';
import { correctionsPanel } from './corrections.js';
import { createDataTable } from './datatable.js';
import { entityChart, figureChart } from './charts.js';

export const TABS = [
  ['articles', 'Articles'],
  ['entities', 'Names'],
  ['figures', 'Figures'],
  ['quotes', 'Quotes'],
  ['across', 'Across sources'],
  ['dates', 'Dates'],
  ['text', 'Tables in text'],
  ['charts', 'Charts'],
];

const CARDS = 100; // across-sources facts drawn as cards

const fmt = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** Where a row leads: the article with its sentence marked. */
function rowHref(at) {
  return writeHash({ a: at.article, s: focusString(at.sentence) });
}

function money(v, unit) {
  if (v === null || v === undefined) return '';
  const abs = Math.abs(v);
  const [div, suffix] = abs >= 1e12 ? [1e12, 'tn'] : abs >= 1e9 ? [1e9, 'bn'] : abs >= 1e6 ? [1e6, 'm'] : [1, ''];
  return `${unit} ${fmt.format(v / div)}${suffix}`;
}

/** A cell that links to the row's sentence, showing `textOf(row)`. */
function linked(textOf) {
  return (row, link) => h('a', { href: link, class: 'row-link' }, textOf(row));
}

function articlesTable(t) {
  return createDataTable({
    name: 'articles',
    caption: 'Articles',
    rows: t.articles,
    href: (r) => writeHash({ a: r.id }),
    columns: [
      { key: 'title', label: 'Title', value: (r) => r.title, cell: linked((r) => r.title) },
      { key: 'id', label: 'Id', value: (r) => r.id },
      { key: 'words', label: 'Words', value: (r) => r.words, numeric: true },
      { key: 'minutes', label: 'Reading (min)', value: (r) => r.readingMinutes, numeric: true },
      { key: 'people', label: 'People', value: (r) => r.people, numeric: true },
      { key: 'organisations', label: 'Organisations', value: (r) => r.organisations, numeric: true },
      { key: 'places', label: 'Places', value: (r) => r.places, numeric: true },
      { key: 'figures', label: 'Figures', value: (r) => r.figures, numeric: true },
      { key: 'quotes', label: 'Quotes', value: (r) => r.quotes, numeric: true },
      { key: 'terms', label: 'Distinctive terms', value: (r) => r.topTerms.join(', ') },
    ],
  });
}

/** A name's mentions per article id, as a Map (the core sends [id, count] pairs). */
const countsOf = (() => {
  const seen = new WeakMap();
  return (row) => {
    if (!seen.has(row)) seen.set(row, new Map(row.perArticle));
    return seen.get(row);
  };
})();

function entitiesTable(t, titleOf, fixes) {
  const perArticle = t.articles.length <= 12
    ? t.articles.map((a, i) => ({
      key: `n${i}`, label: `#${i + 1}`, numeric: true, value: (r) => countsOf(r).get(a.id) ?? 0, title: a.title,
    }))
    : [{ key: 'where', label: 'Most in', value: (r) => [...r.perArticle].sort((x, y) => y[1] - x[1]).slice(0, 3).map(([id, n]) => `${titleOf(id)} (${n})`).join('; ') }];
  const table = createDataTable({
    name: 'entities',
    caption: 'Names × articles',
    rows: t.entities,
    href: (r) => rowHref(r.at),
    columns: [
      { key: 'name', label: 'Name', value: (r) => r.name, cell: linked((r) => r.name) },
      { key: 'kind', label: 'Kind', value: (r) => r.kind },
      { key: 'roles', label: 'Roles', value: (r) => r.roles.join(', ') },
      { key: 'aliases', label: 'Also written', value: (r) => r.aliases.join(', ') },
      { key: 'mentions', label: 'Mentions', value: (r) => r.mentions, numeric: true },
      { key: 'articles', label: 'Articles', value: (r) => r.articles, numeric: true },
      ...perArticle,
    ],
  });
  const panel = fixes ? correctionsPanel(t.entities, fixes.state, fixes.actions) : null;
  if (t.articles.length > 12) return h('div', {}, panel, table);
  const key = h('ol', { class: 'column-key', 'aria-label': 'Article columns' },
    t.articles.map((a) => h('li', {}, a.title)));
  return h('div', {}, panel, table, h('p', { class: 'table-note' }, 'Columns #1… are the articles, in this order:'), key);
}

function figuresTable(t, titleOf) {
  return createDataTable({
    name: 'figures',
    caption: 'Figures',
    rows: t.figures,
    href: (r) => rowHref(r.at),
    columns: [
      { key: 'text', label: 'As written', value: (r) => r.text, cell: linked((r) => r.text) },
      { key: 'kind', label: 'Kind', value: (r) => r.kind },
      { key: 'value', label: 'Value', value: (r) => r.value, numeric: true, text: (r) => (r.kind === 'money' ? money(r.value, r.unit) : `${fmt.format(r.value)}%`) },
      { key: 'high', label: 'To', value: (r) => r.high, numeric: true, text: (r) => (r.high === null ? '' : fmt.format(r.high)) },
      { key: 'unit', label: 'Unit', value: (r) => r.unit },
      { key: 'usd', label: 'In US$', value: (r) => r.usd, numeric: true, text: (r) => money(r.usd, '$') },
      { key: 'move', label: 'Move', value: (r) => r.direction, numeric: true, text: (r) => ({ 1: 'rise', '-1': 'fall' }[r.direction] ?? '') },
      { key: 'qualifier', label: 'Qualifier', value: (r) => r.qualifier },
      { key: 'subject', label: 'Subject', value: (r) => r.subject },
      { key: 'measure', label: 'Measure', value: (r) => r.measure },
      { key: 'converts', label: 'Converts', value: (r) => r.converts },
      { key: 'assumed', label: 'Assumed', value: (r) => r.assumed },
      { key: 'article', label: 'Article', value: (r) => titleOf(r.article) },
      { key: 'sentence', label: 'Sentence', value: (r) => r.sentence },
    ],
  });
}

function quotesTable(t, titleOf) {
  return createDataTable({
    name: 'quotes',
    caption: 'Quotes',
    rows: t.quotes,
    href: (r) => rowHref(r.at),
    columns: [
      { key: 'speaker', label: 'Speaker', value: (r) => r.speaker },
      { key: 'text', label: 'Quote', value: (r) => r.text, cell: linked((r) => `“${r.text}”`) },
      { key: 'article', label: 'Article', value: (r) => titleOf(r.article) },
    ],
  });
}

function datesTable(t, titleOf) {
  return createDataTable({
    name: 'dates',
    caption: 'Dates and times',
    rows: t.dates,
    href: (r) => rowHref(r.at),
    columns: [
      { key: 'text', label: 'As written', value: (r) => r.text, cell: linked((r) => r.text) },
      { key: 'kind', label: 'Kind', value: (r) => r.kind },
      { key: 'iso', label: 'ISO', value: (r) => r.iso },
      { key: 'article', label: 'Article', value: (r) => titleOf(r.article) },
    ],
  });
}

function acrossView(t, titleOf) {
  if (!t.across.length) return h('p', { class: 'table-note' }, 'No figure is reported by more than one article.');
  // Cards for the first facts (the table below lists every one).
  const cards = t.across.slice(0, CARDS).map((g, i) => h('section', { class: `fact ${g.agreement}`, 'aria-labelledby': `fact-${i}` },
    h('h3', { id: `fact-${i}`, class: 'fact-title' },
      `${g.subject ? `${g.subject}: ` : ''}${g.fact || 'figure'}`,
      h('span', { class: `badge ${g.agreement}` }, g.agreement === 'agree' ? `${g.sources} sources agree` : `${g.sources} sources differ by ${g.spread}%`)),
    h('ul', { class: 'fact-values' }, g.members.map((m) => h('li', {},
      h('a', { href: rowHref(m.at), class: 'fact-value' }, m.qualifier ? `${m.qualifier} ${m.text}` : m.text),
      h('span', { class: 'fact-source' }, titleOf(m.article)),
      m.unit !== 'USD' && m.usd ? h('span', { class: 'fact-usd' }, `≈ ${money(m.usd, '$')}`) : null)))));
  const rows = t.across.flatMap((g, i) => g.members.map((m) => ({ ...m, group: i + 1, fact: g.fact, agreement: g.agreement, spread: g.spread })));
  const table = createDataTable({
    name: 'across',
    caption: 'Figures reported by several articles',
    rows,
    href: (r) => rowHref(r.at),
    columns: [
      { key: 'group', label: 'Fact #', value: (r) => r.group, numeric: true },
      { key: 'fact', label: 'About', value: (r) => r.fact },
      { key: 'text', label: 'As written', value: (r) => r.text, cell: linked((r) => r.text) },
      { key: 'qualifier', label: 'Qualifier', value: (r) => r.qualifier },
      { key: 'usd', label: 'In US$', value: (r) => r.usd, numeric: true, text: (r) => money(r.usd, '$') },
      { key: 'agreement', label: 'Sources', value: (r) => r.agreement },
      { key: 'spread', label: 'Spread %', value: (r) => r.spread, numeric: true },
      { key: 'article', label: 'Article', value: (r) => titleOf(r.article) },
      { key: 'sentence', label: 'Sentence', value: (r) => r.sentence },
    ],
  });
  const rates = t.rates.filter((r) => r.currency !== 'USD');
  const note = rates.length
    ? h('p', { class: 'table-note' }, 'Money compared in US dollars at ', rates.map((r) => `${r.currency} ${r.usd.toPrecision(3)} (${r.source === 'text' ? 'as the articles state' : 'approximate'})`).join(', '), '.')
    : null;
  const more = t.across.length > CARDS ? h('p', { class: 'table-note' }, `The first ${CARDS} of ${t.across.length.toLocaleString('en')} facts; the table below lists every one.`) : null;
  return h('div', {}, h('div', { class: 'facts' }, cards), more, note, table);
}

function textTables(t, titleOf) {
  if (!t.textTables.length) return h('p', { class: 'table-note' }, 'No tables were found in the articles’ text.');
  return h('div', {}, t.textTables.map((tt, i) => h('section', { class: 'text-table' },
    h('h3', {}, tt.caption || 'Table', ' — ', h('a', { href: writeHash({ a: tt.article }) }, titleOf(tt.article))),
    createDataTable({
      name: `table-${i + 1}`,
      caption: tt.caption || `Table ${i + 1}`,
      rows: tt.rows,
      columns: tt.header.map((label, c) => ({ key: `c${c}`, label: label || `Column ${c + 1}`, value: (r) => r[c] ?? '' })),
    }))));
}

function charts(t, titleOf) {
  const ent = entityChart(t, titleOf);
  const fig = figureChart(t, titleOf);
  return h('div', { class: 'charts' },
    h('figure', { class: 'chart-figure' }, scroller(ent.svg), h('figcaption', {}, 'Bars: mentions per name; colours: articles.'), ent.legend),
    h('figure', { class: 'chart-figure' }, scroller(fig.svg), h('figcaption', {}, 'Each dot is an amount of money, converted to US dollars; hover or focus for the sentence.')));
}

/** On a narrow screen a chart keeps a readable size and scrolls sideways (by keyboard too). */
function scroller(svg) {
  const title = svg.querySelector('title')?.textContent ?? 'Chart';
  return h('div', { class: 'chart-scroll', tabindex: '0', role: 'region', 'aria-label': `${title} (scrolls sideways)` }, svg);
}

const RENDER = new Map([['articles', articlesTable], ['entities', entitiesTable], ['figures', figuresTable], ['quotes', quotesTable], ['across', acrossView], ['dates', datesTable], ['text', textTables], ['charts', charts]]);

/** Draw the tables view for tab `tab` into `els` ({ tabs, panel }); `fixes`
 *  ({ state, actions }, see corrections.js) adds the corrections panel to Names. */
export function renderTables(els, tables, tab, fixes = null) {
  const current = RENDER.has(tab) ? tab : 'articles';
  const titles = new Map(tables.articles.map((a) => [a.id, a.title]));
  const titleOf = (id) => titles.get(id) ?? id;
  const counts = new Map([
    ['articles', tables.articles.length], ['entities', tables.entities.length], ['figures', tables.figures.length],
    ['quotes', tables.quotes.length], ['across', tables.across.length], ['dates', tables.dates.length], ['text', tables.textTables.length],
  ]);
  els.tabs.replaceChildren(...TABS.map(([key, label]) => h('a', {
    href: writeHash({ v: 'tables', t: key }),
    class: 'tab',
    'aria-current': key === current ? 'page' : null,
  }, label, counts.has(key) ? h('span', { class: 'count' }, ` ${counts.get(key).toLocaleString('en')}`) : null)));
  const label = TABS.find(([k]) => k === current)?.[1] ?? '';
  els.panel.replaceChildren(h('h3', { class: 'visually-hidden' }, label), RENDER.get(current)(tables, titleOf, fixes));
  return current;
}
