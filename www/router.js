// The URL hash: the page's view state, read and written here only.
//   #q=QUERY&a=ARTICLE_ID&m=MATCH&s=FOCUS   (search and reader)
//   #v=tables&t=TABLE                        (summary tables)
//   #v=kwic&q=QUERY                          (the query's concordance)
// b=kwic beside a focus: the article was opened from a concordance line
// (its Back button returns there, not to the tables).
// m is the 1-based number of the current match in the open article; s is a
// location to mark in it (the core's { segment, start, end }, UTF-16 code
// units), written "BLOCK:START-END", "title:START-END" or
// "cell:TABLE.ROW.COL:START-END", as table rows give it (their at.sentence).

/** Parse a focus string ("3:10-42", "title:0-5", "cell:0.1.2:0-5") into a location. */
export function parseFocus(s) {
  const m = /^(title|\d+|cell:(\d+)\.(\d+)\.(\d+)):(\d+)-(\d+)$/.exec(s ?? '');
  if (!m) return null;
  const start = Number(m[5]);
  const end = Number(m[6]);
  if (end < start) return null;
  if (m[2] !== undefined) return { segment: { in: 'cell', table: Number(m[2]), row: Number(m[3]), col: Number(m[4]) }, start, end };
  if (m[1] === 'title') return { segment: { in: 'title' }, start, end };
  return { segment: { in: 'block', block: Number(m[1]) }, start, end };
}

/** The focus string of a location. */
export function focusString(loc) {
  const seg = loc?.segment;
  if (!seg) return '';
  const range = `${loc.start}-${loc.end}`;
  if (seg.in === 'cell') return `cell:${seg.table}.${seg.row}.${seg.col}:${range}`;
  if (seg.in === 'block') return `${seg.block}:${range}`;
  return `title:${range}`;
}

/** Whether two segments are the same. */
export function sameSegment(a, b) {
  return a.in === b.in && a.block === b.block && a.table === b.table && a.row === b.row && a.col === b.col;
}

/** Read {q, a, m, s, v, t, b} from a hash string. */
export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const m = Number.parseInt(params.get('m') ?? '', 10);
  return {
    q: params.get('q') ?? '',
    a: params.get('a') ?? '',
    m: Number.isFinite(m) && m > 0 ? m : 0,
    s: parseFocus(params.get('s')) ? params.get('s') : '',
    v: ['tables', 'kwic'].includes(params.get('v')) ? params.get('v') : '',
    t: params.get('t') ?? '',
    b: params.get('b') === 'kwic' ? 'kwic' : '',
  };
}

/** Build a hash string from {q, a, m, s, v, t, b}; empty values are left out. */
export function writeHash({ q, a, m, s, v, t, b }) {
  const params = new URLSearchParams();
  if (v) params.set('v', v);
  if (v === 'tables' && t) params.set('t', t);
  if (q) params.set('q', q);
  if (a) params.set('a', a);
  if (a && s) params.set('s', s);
  if (a && s && b === 'kwic') params.set('b', b);
  if (a && m) params.set('m', String(m));
  const str = params.toString();
  return str ? `#${str}` : '#';
}

/** Call `onRoute({ fromHistory })` whenever the hash changes (back, forward, links). */
export function onHashChange(onRoute) {
  window.addEventListener('hashchange', () => onRoute({ fromHistory: true }));
}

/** Put `state` in the URL: a new history entry when `push`, else in place of the current one. */
export function setHash(state, { push = false } = {}) {
  const hash = writeHash(state);
  if (push) history.pushState(null, '', hash);
  else history.replaceState(null, '', hash);
}

/** Go to `hash` as a link would (a history entry, and a hashchange). */
export function go(hash) {
  location.hash = hash;
}
