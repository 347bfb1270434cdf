// The URL hash: the page's view state, read and written here only.
//   #q=QUERY&a=ARTICLE_ID&m=MATCH&s=FOCUS   (search and reader)
//   #v=tables&t=TABLE                        (summary tables)
// m is the 1-based number of the current match in the open article; s is a
// range to mark in it, "BLOCK:START-END" in UTF-16 code units ("title:…" for
// the title, "cell:TABLE.ROW.COL:…" for a table cell), as table rows give it.

/** Parse a focus string ("3:10-42", "title:0-5", "cell:0.1.2:0-5") into {block, cell, start, end}. */
export function parseFocus(s) {
  const m = /^(title|\d+|cell:(\d+)\.(\d+)\.(\d+)):(\d+)-(\d+)$/.exec(s ?? '');
  if (!m) return null;
  const start = Number(m[5]);
  const end = Number(m[6]);
  if (end < start) return null;
  if (m[2] !== undefined) return { block: null, cell: [Number(m[2]), Number(m[3]), Number(m[4])], start, end };
  return { block: m[1] === 'title' ? null : Number(m[1]), cell: null, start, end };
}

/** The focus string for {block, cell, start, end} (a table row's `at`). */
export function focusString(f) {
  if (!f) return '';
  if (Array.isArray(f.cell) && f.cell.length === 3) return `cell:${f.cell.join('.')}:${f.start}-${f.end}`;
  return `${f.block === null || f.block === undefined ? 'title' : f.block}:${f.start}-${f.end}`;
}

/** Read {q, a, m, s, v, t} from a hash string. */
export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const m = Number.parseInt(params.get('m') ?? '', 10);
  return {
    q: params.get('q') ?? '',
    a: params.get('a') ?? '',
    m: Number.isFinite(m) && m > 0 ? m : 0,
    s: parseFocus(params.get('s')) ? params.get('s') : '',
    v: params.get('v') === 'tables' ? 'tables' : '',
    t: params.get('t') ?? '',
  };
}

/** Build a hash string from {q, a, m, s, v, t}; empty values are left out. */
export function writeHash({ q, a, m, s, v, t }) {
  const params = new URLSearchParams();
  if (v) params.set('v', v);
  if (v && t) params.set('t', t);
  if (q) params.set('q', q);
  if (a) params.set('a', a);
  if (a && s) params.set('s', s);
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
