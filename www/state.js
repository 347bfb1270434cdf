// View state mirrored in the URL hash: #q=QUERY&a=ARTICLE_ID

/** Read {q, a} from a hash string. */
export function readHash(hash = location.hash) {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return { q: params.get('q') ?? '', a: params.get('a') ?? '' };
}

/** Build a hash string from {q, a}; empty values are left out. */
export function writeHash({ q, a }) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (a) params.set('a', a);
  const s = params.toString();
  return s ? `#${s}` : '#';
}
