// View state mirrored in the URL hash:
//   #q=QUERY&a=ARTICLE_ID&m=MATCH&s=FOCUS   (search and reader)
//   #v=tables&t=TABLE                        (summary tables)
// m is the 1-based number of the current match in the open article; s is a
// range to mark in it, "BLOCK:START-END" in UTF-16 code units ("title:…" for
// the title), as table rows give it.

/** Parse a focus string ("3:10-42", "title:0-5") into {block, start, end}. */
export function parseFocus(s) {
  const m = /^(title|\d+):(\d+)-(\d+)$/.exec(s ?? '');
  if (!m) return null;
  const start = Number(m[2]);
  const end = Number(m[3]);
  if (end < start) return null;
  return { block: m[1] === 'title' ? null : Number(m[1]), start, end };
}

/** The focus string for {block, start, end}. */
export function focusString(f) {
  return f ? `${f.block === null || f.block === undefined ? 'title' : f.block}:${f.start}-${f.end}` : '';
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
