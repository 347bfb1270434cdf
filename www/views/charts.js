// Two SVG charts drawn from the core's tables: the most-mentioned entities,
// split by article, and money figures on a log scale by article. Colours come
// from CSS classes (.series-N) so the charts follow the light or dark theme.
// Every label is set as text.

const NS = 'http://www.w3.org/2000/svg';
let chartCount = 0;

/** Create an SVG element with attributes and children. */
function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== null && c !== undefined) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function frame(width, height, title, desc) {
  chartCount += 1;
  const id = `chart-${chartCount}`;
  return s('svg', {
    viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img',
    'aria-labelledby': `${id}-title ${id}-desc`, preserveAspectRatio: 'xMinYMin meet',
  }, s('title', { id: `${id}-title` }, title), s('desc', { id: `${id}-desc` }, desc));
}

function short(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

/** Stacked bars: mentions of the top entities, one colour per article. */
export function entityChart(tables, titleOf, top = 10) {
  const ents = tables.entities.slice(0, top);
  const ids = tables.articles.map((a) => a.id);
  const colour = new Map(ids.map((id, i) => [id, i % 8]));
  const max = Math.max(1, ...ents.map((e) => e.mentions));
  const left = 170;
  const barW = 440;
  const rowH = 26;
  const height = 40 + ents.length * rowH;
  const desc = ents.length
    ? `Mentions of the ${ents.length} most-mentioned names: ${ents.map((e) => `${e.name} ${e.mentions}`).join(', ')}.`
    : 'No names were found.';
  const svg = frame(left + barW + 50, height, 'Most-mentioned names, by article', desc);
  ents.forEach((e, i) => {
    const y = 20 + i * rowH;
    svg.append(s('text', { x: left - 8, y: y + 16, class: 'chart-label', 'text-anchor': 'end' }, short(e.name, 24)));
    let x = left;
    const counts = new Map(e.perArticle);
    for (const id of ids) {
      const n = counts.get(id) ?? 0;
      if (!n) continue;
      const w = (n / max) * barW;
      svg.append(s('rect', { x, y: y + 3, width: Math.max(w, 1), height: rowH - 8, class: `series-${colour.get(id)}` },
        s('title', {}, `${e.name}: ${n} in “${titleOf(id)}”`)));
      x += w;
    }
    svg.append(s('text', { x: x + 6, y: y + 16, class: 'chart-value' }, String(e.mentions)));
  });
  return { svg, legend: legend(ids, colour, titleOf) };
}

function legend(ids, colour, titleOf) {
  const ul = document.createElement('ul');
  ul.className = 'chart-legend';
  for (const id of ids) {
    const li = document.createElement('li');
    const sw = s('svg', { width: 12, height: 12, 'aria-hidden': 'true' }, s('rect', { width: 12, height: 12, class: `series-${colour.get(id)}` }));
    li.append(sw, document.createTextNode(` ${short(titleOf(id), 60)}`));
    ul.append(li);
  }
  return ul;
}

const TICKS = [[1, '$1'], [1e3, '$1k'], [1e6, '$1M'], [1e9, '$1bn'], [1e12, '$1tn'], [1e15, '$1,000tn']];

/** Dot plot: every money figure in US dollars on a log scale, one row per article. */
export function figureChart(tables, titleOf) {
  const ids = tables.articles.map((a) => a.id);
  const money = tables.figures.filter((f) => f.kind === 'money' && f.usd > 0 && !f.converts);
  const logs = money.map((f) => Math.log10(f.usd));
  // A loop, not Math.min(...logs): spreading 10^5 values overflows the call stack.
  const lo = Math.floor(logs.reduce((m, v) => Math.min(m, v), 0) / 3) * 3;
  const hi = Math.ceil(logs.reduce((m, v) => Math.max(m, v), 3) / 3) * 3;
  const left = 170;
  const plotW = 440;
  const rowH = 26;
  const height = 50 + ids.length * rowH;
  const xOf = (v) => left + ((Math.log10(v) - lo) / Math.max(hi - lo, 1)) * plotW;
  const desc = money.length
    ? `${money.length} amounts of money, in US dollars on a logarithmic scale, from ${money.reduce((m, f) => Math.min(m, f.usd), Infinity).toLocaleString('en')} to ${money.reduce((m, f) => Math.max(m, f.usd), 0).toLocaleString('en')} dollars.`
    : 'No amounts of money were found.';
  const svg = frame(left + plotW + 30, height, 'Amounts of money by article (US dollars, log scale)', desc);
  for (const [v, label] of TICKS) {
    const e = Math.log10(v);
    if (e < lo || e > hi) continue;
    const x = xOf(v);
    svg.append(s('line', { x1: x, x2: x, y1: 14, y2: height - 24, class: 'chart-grid' }));
    svg.append(s('text', { x, y: height - 8, class: 'chart-value', 'text-anchor': 'middle' }, label));
  }
  ids.forEach((id, i) => {
    const y = 20 + i * rowH;
    svg.append(s('text', { x: left - 8, y: y + 16, class: 'chart-label', 'text-anchor': 'end' }, short(titleOf(id), 24)));
    for (const f of money.filter((m) => m.article === id)) {
      svg.append(s('circle', { cx: xOf(f.usd), cy: y + 11, r: 5, class: `series-${i % 8} dot` },
        s('title', {}, `${f.text} ≈ $${Math.round(f.usd).toLocaleString('en')}: ${f.sentence}`)));
    }
  });
  return { svg };
}
