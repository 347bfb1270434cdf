// Loaders for the relevance collections and metrics with trec_eval
// definitions (MAP over the top 1000, nDCG@10 with graded gains, P@10).
// Reads ../shared/data (or $AE_DATA); fails with a clear message if missing.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DATA = process.env.AE_DATA ?? join(here, '..', '..', 'shared', 'data');

function need(path) {
  if (!existsSync(path)) {
    throw new Error(`test data not found: ${path} (expected ../shared/data beside the repo, or set AE_DATA)`);
  }
  return readFileSync(path, 'utf8');
}

function qrels(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    const [q, , d, g] = line.trim().split(/\s+/);
    if (!d) continue;
    if (!out.has(q)) out.set(q, new Map());
    out.get(q).set(d, Number(g));
  }
  return out;
}

export function cranfield() {
  const dir = join(DATA, 'cranfield', 'derived');
  const docs = need(join(dir, 'docs.jsonl')).trim().split('\n').map((l) => {
    const d = JSON.parse(l);
    return { id: d.id, title: d.title, text: d.text };
  });
  const queries = need(join(dir, 'queries.tsv')).trim().split('\n').slice(1).map((l) => {
    const [qid, , text] = l.split('\t');
    return { qid, text };
  });
  return { name: 'Cranfield', docs, queries, qrels: qrels(need(join(dir, 'qrels.trec'))) };
}

function between(s, open, close) {
  const out = [];
  let i = 0;
  for (;;) {
    const a = s.indexOf(open, i);
    if (a < 0) break;
    const b = s.indexOf(close, a + open.length);
    if (b < 0) break;
    out.push(s.slice(a + open.length, b));
    i = b + close.length;
  }
  return out;
}

export function vaswani() {
  const dir = join(DATA, 'vaswani-npl');
  const docs = between(need(join(dir, 'doc-text.trec')), '<DOC>', '</DOC>').map((d) => ({
    id: between(d, '<DOCNO>', '</DOCNO>')[0].trim(),
    title: '',
    text: d.split('</DOCNO>').pop().trim().replace(/\n/g, ' '),
  }));
  const queries = between(need(join(dir, 'query-text.trec')), '<top>', '</top>').map((t) => ({
    qid: between(t, '<num>', '</num>')[0].trim(),
    text: between(t, '<title>', '</title>')[0].trim(),
  }));
  return { name: 'Vaswani', docs, queries, qrels: qrels(need(join(dir, 'qrels'))) };
}

/** Mean MAP, nDCG@10 and P@10 of ranked id lists, keyed by qid. */
export function score(collection, rankedByQid) {
  let map = 0, ndcg = 0, p10 = 0, n = 0;
  for (const { qid } of collection.queries) {
    const judged = collection.qrels.get(qid);
    if (!judged) continue;
    const ranked = (rankedByQid.get(qid) ?? []).slice(0, 1000);
    const gain = (id) => judged.get(String(id)) ?? 0;
    const relevant = [...judged.values()].filter((g) => g > 0).length;
    let hits = 0, ap = 0;
    ranked.forEach((id, k) => {
      if (gain(id) > 0) { hits += 1; ap += hits / (k + 1); }
    });
    const dcg = (gains) => gains.slice(0, 10).reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
    const ideal = dcg([...judged.values()].filter((g) => g > 0).sort((a, b) => b - a));
    map += relevant ? ap / relevant : 0;
    ndcg += ideal ? dcg(ranked.map(gain)) / ideal : 0;
    p10 += ranked.slice(0, 10).filter((id) => gain(id) > 0).length / 10;
    n += 1;
  }
  return { map: map / n, ndcg10: ndcg / n, p10: p10 / n };
}
