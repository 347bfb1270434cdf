// View state mirrored in the URL hash: #q=QUERY&a=ARTICLE_ID&m=MATCH
// (m is the 1-based number of the current match in the open article).

/** Read {q, a, m} from a hash string. */
export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const m = Number.parseInt(params.get('m') ?? '', 10);
  return { q: params.get('q') ?? '', a: params.get('a') ?? '', m: Number.isFinite(m) && m > 0 ? m : 0 };
}

/** Build a hash string from {q, a, m}; empty values are left out. */
export function writeHash({ q, a, m }) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (a) params.set('a', a);
  if (a && m) params.set('m', String(m));
  const s = params.toString();
  return s ? `#${s}` : '#';
}
