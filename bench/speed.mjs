// Speed and size benchmark, in one headless-Chromium run: this project beside
// MiniSearch, Lunr, FlexSearch, Orama and Pagefind on the same corpora and
// the same query set. Not part of ./build.sh test (it takes minutes).
//
//   node bench/speed.mjs                         # seeds, BBC (2,225) and Reuters (19,043)
//   node bench/speed.mjs --corpus seeds,bbc      # a subset
//   node bench/speed.mjs --engines ours,minisearch
//   node bench/speed.mjs --skip-build            # reuse the sites built by the last run
//
// Needs ./build.sh to have installed the tools once (npm ci, wasm-bindgen) and
// ../shared/data beside the repo; installs Pagefind 1.6.0 into target/bench/
// on first use. Writes target/bench/ (sites, corpora) and
// bench/results.md (the tables printed at the end).
//
// Per engine and corpus:
// - bytes: gzip (level 9) of every file fetched before the first result
//   (page, code, wasm or library, corpus or index);
// - first result: ms from navigation to the first query's results;
// - build: ours = ae-build (native, parse + index + encode + text shards, the wasm embeds the
//   result); Pagefind = its CLI; the JS libraries build in the page from the
//   raw documents, timed there;
// - query p50/p95/p99 over the query set after one warm-up pass: ours twice,
//   ranked hits only (details: false, 10 hits: the peers' workload) and as
//   the page calls it (with snippets and explanations); peers their search
//   call (10 ids; Pagefind also loads the 10 result fragments it would show);
// - memory: JS heap after GC (CDP), and the wasm instance's memory.
import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tools/serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = process.env.AE_DATA ?? join(ROOT, '..', 'shared', 'data');
const OUT = join(ROOT, 'target', 'bench');
const WWW = join(OUT, 'www');
const ARGS = process.argv.slice(2);
const opt = (k, d) => { const i = ARGS.indexOf(k); return i >= 0 ? ARGS[i + 1] : d; };
const CORPORA = opt('--corpus', 'seeds,bbc,reuters').split(',');
const ENGINES = opt('--engines', 'ours,minisearch,lunr,flexsearch,orama,pagefind').split(',');
const SKIP_BUILD = ARGS.includes('--skip-build');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function need(path) {
  if (!existsSync(path)) throw new Error(`benchmark data not found: ${path} (expected ../shared/data beside the repo, or set AE_DATA)`);
  return path;
}

/** The corpus as documents {id, title, text}. */
function loadCorpus(name) {
  if (name === 'seeds') {
    return readdirSync(join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt')).sort().map((f) => {
      const lines = readFileSync(join(ROOT, 'seeds', f), 'utf8').split('\n');
      const i = lines.findIndex((l) => l.trim() && !/^- .* -$/.test(l.trim()));
      return { id: f.replace(/\.txt$/, ''), title: lines[i].trim(), text: lines.slice(i + 1).join('\n').trim() };
    });
  }
  if (name === 'bbc') {
    return readFileSync(need(join(DATA, 'bbc-news', 'bbc-news.jsonl')), 'utf8').trim().split('\n').map((l) => {
      const d = JSON.parse(l);
      return { id: d.id.replace('/', '-'), title: d.title, text: d.body };
    });
  }
  if (name === 'reuters') {
    const dir = need(join(DATA, 'reuters21578'));
    return readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort().flatMap((f) =>
      gunzipSync(readFileSync(join(dir, f))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l)))
      .filter((d) => d.text_type === 'NORM' && d.title && d.body)
      .map((d) => ({ id: `reuters-${d.newid}`, title: d.title, text: d.body }));
  }
  throw new Error(`unknown corpus ${name}`);
}

/** A seeded PRNG (mulberry32), so the query set is the same every run. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STOP = new Set('that this with from have were which their there been would about said will they also after more than into other some could when what over such only these them most made your then very just like where while being those those its year years'.split(' '));

/** 200 queries drawn from the corpus vocabulary: 90 one-word, 60 two-word,
 *  30 three-word, 10 phrases (adjacent words in quotes), 10 with a typo. */
function makeQueries(docs, seed = 42) {
  const rand = rng(seed);
  const counts = new Map();
  for (const d of docs) for (const w of `${d.title} ${d.text}`.toLowerCase().match(/[a-z]{4,}/g) ?? []) if (!STOP.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const vocab = [...counts.entries()].filter(([, c]) => c >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Weighted by the square root of frequency: common and rarer words both appear.
  const weights = vocab.map(([, c]) => Math.sqrt(c));
  const total = weights.reduce((a, b) => a + b, 0);
  const pick = () => {
    let r = rand() * total;
    for (let i = 0; i < vocab.length; i += 1) { r -= weights[i]; if (r <= 0) return vocab[i][0]; }
    return vocab[vocab.length - 1][0];
  };
  const out = [];
  for (let i = 0; i < 90; i += 1) out.push(pick());
  for (let i = 0; i < 60; i += 1) out.push(`${pick()} ${pick()}`);
  for (let i = 0; i < 30; i += 1) out.push(`${pick()} ${pick()} ${pick()}`);
  for (let i = 0; i < 10; i += 1) {
    const d = docs[Math.floor(rand() * docs.length)];
    const words = d.text.toLowerCase().match(/[a-z]{4,}/g) ?? ['market', 'prices'];
    const k = Math.floor(rand() * Math.max(1, words.length - 1));
    out.push(`"${words[k]} ${words[k + 1] ?? words[0]}"`);
  }
  for (let i = 0; i < 10; i += 1) {
    let w = pick();
    while (w.length < 6) w = pick();
    const k = 1 + Math.floor(rand() * (w.length - 2));
    out.push(w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2)); // two letters swapped
  }
  return out;
}

function time(fn) {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function writeCorpusFiles(name, docs) {
  const dir = join(OUT, 'corpora', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const d of docs) writeFileSync(join(dir, `${d.id}.txt`), `${d.title}\n\n${d.text}\n`);
  return dir;
}

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** Build every site; returns build times (ms) per engine that builds outside the page. */
function buildAll(name, docs, queries) {
  const times = {};
  mkdirSync(join(WWW, 'data'), { recursive: true });
  writeFileSync(join(WWW, 'data', `${name}.json`), JSON.stringify(docs));
  writeFileSync(join(WWW, 'data', `${name}-queries.json`), JSON.stringify(queries));
  if (ENGINES.includes('ours')) {
    const dir = writeCorpusFiles(name, docs);
    execFileSync('cargo', ['build', '--release', '--locked', '--quiet', '--bin', 'ae-build'], { cwd: ROOT, stdio: 'inherit' });
    times.ours = time(() => execFileSync(join(ROOT, 'target/release/ae-build'), ['--corpus', dir, '--out', join(OUT, `${name}.aex`), '--text-dir', join(OUT, `${name}-text`)], { cwd: ROOT, stdio: 'ignore' }));
    const site = time(() => execFileSync('./build.sh', ['build', '--corpus', dir, '--dist', join(WWW, `ours-${name}`)], { cwd: ROOT, stdio: 'ignore' }));
    console.log(`  ours: ae-build ${(times.ours / 1000).toFixed(2)} s, whole site (wasm builds, wasm-opt, single file) ${(site / 1000).toFixed(1)} s`);
  }
  if (ENGINES.includes('pagefind')) {
    const dir = join(WWW, `pf-${name}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'd'), { recursive: true });
    for (const d of docs) {
      const paras = d.text.split(/\n\s*\n/).map((p) => `<p>${escapeHtml(p)}</p>`).join('');
      writeFileSync(join(dir, 'd', `${d.id}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(d.title)}</title></head><body><main><h1>${escapeHtml(d.title)}</h1>${paras}</main></body></html>`);
    }
    const bin = pagefindBin();
    times.pagefind = time(() => execFileSync(bin, ['--site', dir, '--quiet'], { cwd: ROOT, stdio: 'ignore' }));
  }
  return times;
}

/** Pagefind's CLI, pinned, installed beside the benchmark on first use (its
 *  platform packages cannot all be locked in package-lock.json on this
 *  machine's registry, so it stays out of the project's dependencies). */
const PAGEFIND = '1.6.0';
function pagefindBin() {
  const dir = join(OUT, 'pagefind');
  const bin = join(dir, 'node_modules', '.bin', 'pagefind');
  if (!existsSync(bin)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--save-exact', `pagefind@${PAGEFIND}`], { cwd: dir, stdio: 'inherit' });
  }
  return bin;
}

function preparePeerPage() {
  mkdirSync(join(WWW, 'lib'), { recursive: true });
  cpSync(join(ROOT, 'bench/speed/peer.js'), join(WWW, 'peer.js'));
  writeFileSync(join(WWW, 'peer.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"><script type="module" src="peer.js"></script></head><body></body></html>');
  cpSync(join(ROOT, 'node_modules/minisearch/dist/es'), join(WWW, 'lib/minisearch'), { recursive: true });
  cpSync(join(ROOT, 'node_modules/lunr/lunr.min.js'), join(WWW, 'lib/lunr.min.js'));
  cpSync(join(ROOT, 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.js'), join(WWW, 'lib/flexsearch.bundle.module.min.js'));
  cpSync(join(ROOT, 'node_modules/@orama/orama/dist/browser'), join(WWW, 'lib/orama'), { recursive: true });
}

const gzCache = new Map();
function gzipBytes(url, base) {
  const path = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '');
  const file = join(WWW, path.endsWith('/') || path === '' ? join(path, 'index.html') : path);
  if (!existsSync(file) || !statSync(file).isFile()) return 0;
  if (!gzCache.has(file)) gzCache.set(file, gzipSync(readFileSync(file), { level: 9 }).length);
  return gzCache.get(file);
}

function pct(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(browser, base, engine, name, queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let url;
  if (engine === 'ours') url = `${base}ours-${name}/index.html#q=${encodeURIComponent(queries[0])}`;
  else url = `${base}peer.html?engine=${engine}&corpus=${name}`;
  await page.goto(url, { timeout: 120000 });
  let result;
  if (engine === 'ours') {
    await page.waitForSelector('html[data-ready="true"]', { timeout: 120000 });
    // The page's core runs in a worker; the engine is timed here on an
    // instance of the same module in the page, as the peers are (the round
    // trip to the worker is timed separately below).
    result = await page.evaluate(async (qs) => {
      const wasm = await globalThis.articleExplorer.memoryBytes();
      const core = await import(new URL('./pkg/article_explorer.js', location.href).href);
      await core.default({ module_or_path: new URL('./pkg/article_explorer_bg.wasm', location.href) });
      const remote = globalThis.articleExplorer.core;
      // A corpus with text shards: fetch what a query's snippets need before
      // timing it, as the page does (not timed: it is a download).
      const needText = async (q) => {
        for (const name of core.search(q, { limit: 10, prefix: true }).textNeeded) {
          const res = await fetch(`text/${name}`);
          core.loadText(new Uint8Array(await res.arrayBuffer()));
        }
      };
      // Two workloads: what the page shows (snippets and explanations), and
      // ranked hits only (details: false), the same work the peers do.
      const timeAll = async (details) => {
        const run = (q) => core.search(q, { limit: 10, prefix: true, details }).hits.length;
        for (const q of qs) run(q);
        const times = [];
        let hits = 0;
        for (const q of qs) {
          if (details) await needText(q);
          // performance.now() is rounded to 0.1 ms: repeat fast queries for at least 2 ms.
          let reps = 1;
          let elapsed = 0;
          for (;;) {
            const s = performance.now();
            for (let i = 0; i < reps; i += 1) hits += run(q);
            elapsed = performance.now() - s;
            if (elapsed >= 2 || reps >= 256) break;
            reps *= 4;
          }
          times.push(elapsed / reps);
        }
        return { times, hits };
      };
      const ids = await timeAll(false);
      const page = await timeAll(true);
      // Through the worker, as the page asks (its shards are loaded by the page's own searches).
      const viaWorker = [];
      for (const q of qs) {
        const s = performance.now();
        await remote.search(q, { limit: 10, prefix: true });
        viaWorker.push(performance.now() - s);
      }
      return { times: page.times, hits: page.hits, idTimes: ids.times, workerTimes: viaWorker, wasm };
    }, queries);
    // What the worker fetched counts as fetched before the first result too.
    const fetchedByWorker = await page.evaluate(async () => {
      const origin = performance.timeOrigin;
      return (await globalThis.articleExplorer.core.resources()).map((r) => ({ name: r.name, responseEnd: r.responseEnd - origin }));
    });
    result.workerResources = fetchedByWorker;
  } else {
    await page.waitForFunction(() => window.__bench, null, { timeout: 600000, polling: 200 });
    result = await page.evaluate(() => window.__bench);
    if (result.error) throw new Error(`${engine} on ${name}: ${result.error}`);
  }
  const first = await page.evaluate(() => performance.getEntriesByName('first-result')[0]?.startTime ?? NaN);
  const pageResources = await page.evaluate((mark) => performance.getEntriesByType('resource').filter((r) => r.responseEnd <= mark).map((r) => r.name), first);
  const resources = [...pageResources, ...(result.workerResources ?? []).filter((r) => r.responseEnd <= first).map((r) => r.name)];
  const bytes = gzipBytes(url.split('#')[0].split('?')[0], base) + resources.reduce((sum, r) => sum + gzipBytes(r, base), 0);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const sorted = [...result.times].sort((a, b) => a - b);
  await context.close();
  if (errors.length) console.warn(`  ${engine}: page errors: ${errors.slice(0, 3).join(' | ')}`);
  const row = {
    engine, bytes, first, build: result.build, p50: pct(sorted, 50), p95: pct(sorted, 95), p99: pct(sorted, 99),
    heap: usedSize, wasm: result.wasm ?? 0, hits: result.hits,
  };
  if (!result.idTimes) return [row];
  const viaWorker = [...result.workerTimes].sort((a, b) => a - b);
  console.log(`  ours: search as the page calls it, through the worker: p50 ${pct(viaWorker, 50).toFixed(3)} ms, p99 ${pct(viaWorker, 99).toFixed(3)} ms`);
  const ids = [...result.idTimes].sort((a, b) => a - b);
  return [{ ...row, engine: 'ours-ids', p50: pct(ids, 50), p95: pct(ids, 95), p99: pct(ids, 99) }, row];
}

const NAMES = { ours: 'article-explorer, with snippets', 'ours-ids': 'article-explorer, ranked hits', minisearch: 'MiniSearch', lunr: 'Lunr', flexsearch: 'FlexSearch', orama: 'Orama', pagefind: 'Pagefind' };

function versions() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies;
  return { minisearch: pkg.minisearch, lunr: pkg.lunr, flexsearch: pkg.flexsearch, orama: pkg['@orama/orama'], pagefind: PAGEFIND };
}

function table(name, docs, rows, buildTimes) {
  const rawBytes = docs.reduce((s, d) => s + Buffer.byteLength(d.title) + Buffer.byteLength(d.text), 0);
  const v = versions();
  const isOurs = (r) => r.engine.startsWith('ours');
  const peers = rows.filter((r) => !isOurs(r));
  const best = (k) => Math.min(...peers.map((r) => r[k]).filter(Number.isFinite));
  const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  const lines = [
    `### ${name}: ${docs.length.toLocaleString('en')} articles, ${(rawBytes / 1e6).toFixed(1)} MB of text, ${rows[0]?.queries ?? 200} queries`,
    '',
    '| engine | bytes before first result (gzip kB) | first result (ms) | index build (ms) | p50 (ms) | p95 (ms) | p99 (ms) | JS heap (MB) | wasm memory (MB) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const build = isOurs(r) ? buildTimes.ours : r.engine === 'pagefind' ? buildTimes[r.engine] : r.build;
    const label = isOurs(r) ? `**${NAMES[r.engine]}**` : `${NAMES[r.engine]} ${v[r.engine] ?? ''}`;
    lines.push(`| ${label} | ${f(r.bytes / 1000)} | ${f(r.first, 0)} | ${f(build, 0)}${isOurs(r) ? ' (native)' : r.engine === 'pagefind' ? ' (CLI)' : ' (page)'} | ${f(r.p50, 3)} | ${f(r.p95, 3)} | ${f(r.p99, 3)} | ${f(r.heap / 1e6)} | ${f(r.wasm / 1e6)} |`);
  }
  const ours = rows.find((r) => r.engine === 'ours-ids') ?? rows.find((r) => r.engine === 'ours');
  if (ours && peers.length) {
    const ratio = (k) => f(ours[k] / best(k), 2);
    const vs = (peer) => {
      const p = peers.find((r) => r.engine === peer);
      return p ? `; ÷ ${NAMES[peer]}: p50 ${f(ours.p50 / p.p50, 2)}, p99 ${f(ours.p99 / p.p99, 2)}` : '';
    };
    lines.push('', `Ours (ranked hits, the peers' workload) ÷ best peer: bytes ${ratio('bytes')}, first result ${ratio('first')}, p50 ${ratio('p50')}, p95 ${ratio('p95')}, p99 ${ratio('p99')}${vs('minisearch')}${vs('lunr')} (below 1 = ours is smaller or faster). Ours in memory: ${f((ours.heap + ours.wasm) / rawBytes, 2)}× the raw text.`);
  }
  return lines.join('\n');
}

async function main() {
  mkdirSync(WWW, { recursive: true });
  preparePeerPage();
  const sets = [];
  for (const name of CORPORA) {
    const docs = loadCorpus(name);
    const queries = makeQueries(docs);
    console.log(`${name}: ${docs.length} articles, ${queries.length} queries`);
    const buildTimes = SKIP_BUILD ? JSON.parse(readFileSync(join(OUT, `${name}-build.json`), 'utf8')) : buildAll(name, docs, queries);
    writeFileSync(join(OUT, `${name}-build.json`), JSON.stringify(buildTimes));
    sets.push({ name, docs, queries, buildTimes });
  }
  const { server, url } = await serve(WWW, 0, '/');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const out = [`# Speed and size benchmark`, '', `Run on ${new Date().toISOString().slice(0, 10)}, headless Chromium ${browser.version()}, local server, one context per engine (cold cache). Command: \`node bench/speed.mjs\`.`, ''];
  try {
    // One throwaway page load first: the browser's own start-up costs (first
    // context, first renderer) would otherwise land on whichever engine goes first.
    {
      const context = await browser.newContext();
      await (await context.newPage()).goto(`${url}data/${sets[0].name}-queries.json`);
      await context.close();
    }
    for (const { name, docs, queries, buildTimes } of sets) {
      const rows = [];
      for (const engine of ENGINES) {
        process.stdout.write(`  measuring ${engine} on ${name}…`);
        const measured = await measure(browser, url, engine, name, queries);
        for (const r of measured) {
          r.queries = queries.length;
          rows.push(r);
        }
        console.log(measured.map((r) => ` ${r.engine} p50 ${r.p50.toFixed(3)} ms`).join(','));
      }
      out.push(table(name, docs, rows, buildTimes), '');
    }
  } finally {
    await browser.close();
    server.close();
  }
  const text = out.join('\n');
  console.log(`\n${text}`);
  writeFileSync(join(ROOT, 'bench', 'results.md'), `${text}\n`);
}

main().catch((err) => { console.error(err); process.exit(1); });
