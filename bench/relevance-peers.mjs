// Ranking quality of article-explorer beside MiniSearch, Lunr, FlexSearch
// and Orama on Cranfield and Vaswani, in one run, same queries (lower-cased),
// same metrics. Not part of ./build.sh test.
//
//   node bench/relevance-peers.mjs        (after npm ci; builds our runner with cargo)
//
// Each peer uses the settings its documentation recommends for relevance;
// they are listed in SETTINGS below and printed with the table.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import lunr from 'lunr';
import { Document, Charset } from 'flexsearch';
import { create, insertMultiple, search } from '@orama/orama';
import { stopwords as englishStopwords } from '@orama/stopwords/english';
import { cranfield, vaswani, score } from './data.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT = 1000;

export const SETTINGS = {
  MiniSearch: 'fields title+text, boost title 2, fuzzy 0.2, OR (README defaults)',
  Lunr: 'fields title (boost 2) + text, default pipeline (stop words, Porter stemmer), OR',
  FlexSearch: 'Document over title+text, encoder LatinBalance, suggest:true (partial matches), merge',
  Orama: 'schema title+text, English stemming + stop words, boost title 2, BM25 default',
};

const engines = {
  MiniSearch(docs) {
    const ms = new MiniSearch({ fields: ['title', 'text'], searchOptions: { boost: { title: 2 }, fuzzy: 0.2 } });
    ms.addAll(docs);
    return (q) => ms.search(q).slice(0, LIMIT).map((r) => r.id);
  },
  Lunr(docs) {
    const idx = lunr(function build() {
      this.ref('id');
      this.field('title', { boost: 2 });
      this.field('text');
      for (const d of docs) this.add(d);
    });
    // Lunr's query syntax reserves + - : ^ ~ *; drop them so text is read as words.
    return (q) => idx.search(q.replace(/[+\-:^~*]/g, ' ')).slice(0, LIMIT).map((r) => r.ref);
  },
  FlexSearch(docs) {
    const index = new Document({ document: { id: 'id', index: ['title', 'text'] }, encoder: Charset.LatinBalance });
    for (const d of docs) index.add(d);
    return (q) => {
      const res = index.search(q, { limit: LIMIT, suggest: true, merge: true });
      return res.map((r) => (typeof r === 'object' ? r.id : r)).slice(0, LIMIT);
    };
  },
  async Orama(docs) {
    const db = create({
      schema: { title: 'string', text: 'string' },
      components: { tokenizer: { language: 'english', stemming: true, stopWords: englishStopwords } },
    });
    await insertMultiple(db, docs.map((d) => ({ id: d.id, title: d.title, text: d.text })));
    return async (q) => {
      const r = await search(db, { term: q, limit: LIMIT, boost: { title: 2 } });
      return r.hits.map((h) => h.id);
    };
  },
};

function ours() {
  const out = execFileSync('cargo', ['run', '--release', '--locked', '--quiet', '--example', 'relevance'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const rows = new Map();
  for (const line of out.split('\n')) {
    const m = line.match(/^(\w+)\s+\d+\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/);
    if (m) rows.set(m[1], { map: Number(m[2]), ndcg10: Number(m[3]), p10: Number(m[4]) });
  }
  return rows;
}

const fmt = (x) => x.toFixed(4);
const table = [];
const oursRows = ours();
for (const load of [cranfield, vaswani]) {
  const c = load();
  const mine = oursRows.get(c.name);
  if (mine) table.push({ collection: c.name, engine: 'article-explorer', ...mine });
  for (const [name, make] of Object.entries(engines)) {
    const t0 = performance.now();
    const run = await make(c.docs);
    const ranked = new Map();
    for (const { qid, text } of c.queries) ranked.set(qid, await run(text.toLowerCase()));
    const s = score(c, ranked);
    table.push({ collection: c.name, engine: name, ...s, seconds: (performance.now() - t0) / 1000 });
  }
}
console.log('| collection | engine | MAP | nDCG@10 | P@10 |');
console.log('|---|---|---|---|---|');
for (const r of table) console.log(`| ${r.collection} | ${r.engine} | ${fmt(r.map)} | ${fmt(r.ndcg10)} | ${fmt(r.p10)} |`);
console.log('\nPeer settings:');
for (const [k, v] of Object.entries(SETTINGS)) console.log(`- ${k}: ${v}`);
const versions = ['minisearch', 'lunr', 'flexsearch', '@orama/orama'].map((p) => `${p}@${JSON.parse(execFileSync('npm', ['pkg', 'get', `devDependencies.${p}`], { cwd: ROOT, encoding: 'utf8' }))}`);
console.log(`Versions: ${versions.join(', ')}`);
