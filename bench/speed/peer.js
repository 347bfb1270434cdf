// Benchmark page for the peer engines (MiniSearch, Lunr, FlexSearch, Orama,
// Pagefind): load the library and the corpus, build the index, answer the
// first query (mark "first-result"), then time every query of the set.
// ?engine=NAME&corpus=NAME. Results go to window.__bench.
const params = new URLSearchParams(location.search);
const engine = params.get('engine');
const corpus = params.get('corpus');
const LIMIT = 10;

async function json(path) {
  const r = await fetch(path);
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

/** Each adapter: build(docs) → search(q) returning the top ids. */
const ADAPTERS = {
  async minisearch(docs) {
    const { default: MiniSearch } = await import('./lib/minisearch/index.js');
    const ms = new MiniSearch({ fields: ['title', 'text'], storeFields: ['title'], searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true } });
    ms.addAll(docs);
    return (q) => ms.search(q).slice(0, LIMIT).map((r) => r.id);
  },
  async lunr(docs) {
    await new Promise((ok, fail) => {
      const s = document.createElement('script');
      s.src = './lib/lunr.min.js';
      s.onload = ok;
      s.onerror = fail;
      document.head.append(s);
    });
    const idx = globalThis.lunr(function build() {
      this.ref('id');
      this.field('title', { boost: 2 });
      this.field('text');
      for (const d of docs) this.add(d);
    });
    return (q) => idx.search(q.replace(/[+\-:^~*"]/g, ' ')).slice(0, LIMIT).map((r) => r.ref);
  },
  async flexsearch(docs) {
    const { Document, Charset } = await import('./lib/flexsearch.bundle.module.min.js');
    const index = new Document({ document: { id: 'id', index: ['title', 'text'] }, encoder: Charset.LatinBalance });
    for (const d of docs) index.add(d);
    return (q) => index.search(q, { limit: LIMIT, suggest: true, merge: true }).map((r) => (typeof r === 'object' ? r.id : r));
  },
  async orama(docs) {
    const { create, insertMultiple, search } = await import('./lib/orama/index.js');
    const db = create({ schema: { title: 'string', text: 'string' }, components: { tokenizer: { language: 'english', stemming: true } } });
    await insertMultiple(db, docs.map((d) => ({ id: d.id, title: d.title, text: d.text })));
    return async (q) => (await search(db, { term: q, limit: LIMIT, boost: { title: 2 } })).hits.map((h) => h.id);
  },
  async pagefind() {
    const pf = await import(`./pf-${corpus}/pagefind/pagefind.js`);
    await pf.init();
    return async (q) => {
      const r = await pf.search(q);
      // A result list shows titles: load the first page's fragments.
      const data = await Promise.all(r.results.slice(0, LIMIT).map((x) => x.data()));
      return data.map((d) => d.url);
    };
  },
};

async function run() {
  const queries = await json(`./data/${corpus}-queries.json`);
  const t0 = performance.now();
  const docs = engine === 'pagefind' ? null : await json(`./data/${corpus}.json`);
  const t1 = performance.now();
  const search = await ADAPTERS[engine](docs);
  const t2 = performance.now();
  const first = await search(queries[0]);
  performance.mark('first-result');
  window.__engine = search; // keep the index alive for the heap measurement
  const times = [];
  let hits = 0;
  for (const q of queries) await search(q); // warm-up pass (JIT, Pagefind chunks)
  for (const q of queries) {
    // Browsers round performance.now() to 0.1 ms here: repeat fast queries
    // until at least 2 ms have passed and take the mean.
    let reps = 1;
    let elapsed = 0;
    for (;;) {
      const s = performance.now();
      for (let i = 0; i < reps; i += 1) hits += (await search(q)).length;
      elapsed = performance.now() - s;
      if (elapsed >= 2 || reps >= 256) break;
      reps *= 4;
    }
    times.push(elapsed / reps);
  }
  window.__bench = { load: t1 - t0, build: t2 - t1, firstHits: first.length, times, hits };
}

run().catch((err) => { window.__bench = { error: String(err?.stack ?? err) }; });
