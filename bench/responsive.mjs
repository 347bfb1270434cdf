// Does the page stay responsive? One headless-Chromium run that watches the
// page's long tasks (a PerformanceObserver of 'longtask': tasks of 50 ms or
// more on the page's thread) while a reader, on Reuters (19,043 articles):
// types a query, opens an article, opens the Tables, and drops 200 files.
// It also times the seed page's first result against a baseline build (the
// last build before the core moved into its worker), alternating the two.
// Not part of ./build.sh test (the Reuters build and tables take minutes).
//
//   node bench/responsive.mjs                       # build the Reuters site, then measure
//   node bench/responsive.mjs --skip-build          # reuse target/bench/www/ours-reuters
//   node bench/responsive.mjs --baseline DIR        # a dist/ of another build for the first-result timing
//   node bench/responsive.mjs --runs 9              # first-result runs per build (default 7)
//   node bench/responsive.mjs --seeds-only          # only the seed page's first result
//
// Needs ../shared/data beside the repo (or AE_DATA) and ./build.sh's tools.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tools/serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = process.env.AE_DATA ?? join(ROOT, '..', 'shared', 'data');
const OUT = join(ROOT, 'target', 'bench');
const SITE = join(OUT, 'www', 'ours-reuters');
const ARGS = process.argv.slice(2);
const opt = (k, d) => { const i = ARGS.indexOf(k); return i >= 0 ? ARGS[i + 1] : d; };
const RUNS = Number(opt('--runs', '7'));
const BASELINE = opt('--baseline', join(OUT, 'baseline-seeds'));
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

function reuters() {
  const dir = join(DATA, 'reuters21578');
  if (!existsSync(dir)) throw new Error(`benchmark data not found: ${dir} (expected ../shared/data beside the repo, or set AE_DATA)`);
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz')).sort().flatMap((f) =>
    gunzipSync(readFileSync(join(dir, f))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l)))
    .filter((d) => d.text_type === 'NORM' && d.title && d.body)
    .map((d) => ({ id: `reuters-${d.newid}`, title: d.title, text: d.body }));
}

function buildReutersSite() {
  const dir = join(OUT, 'corpora', 'reuters');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const d of reuters()) writeFileSync(join(dir, `${d.id}.txt`), `${d.title}\n\n${d.text}\n`);
  console.log('building the Reuters site (./build.sh build --corpus …)');
  execFileSync('./build.sh', ['build', '--corpus', dir, '--dist', SITE], { cwd: ROOT, stdio: 'ignore' });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** ms from navigation to the first result of `#q=alibaba`, one fresh context per run. */
async function firstResult(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${url}#q=alibaba`);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 30000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('first-result')[0]?.startTime ?? NaN);
  await context.close();
  return ms;
}

/** Generated articles, made in the page and dropped on it as a file manager would. */
function generated(n) {
  const words = ['harbour', 'freight', 'council', 'budget', 'river', 'market', 'school', 'transit'];
  return Array.from({ length: n }, (_, i) => ({
    name: `bench-${i}.txt`,
    text: `${words[i % 8]} report ${i}\n\nThe ${words[i % 8]} review number ${i} said spending on the ${words[(i * 3 + 1) % 8]} rose 4.${i % 10}% to $${(i % 90) + 10} million, officials said.\n`,
  }));
}

async function responsiveness(browser, url) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 60000 });
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
  const rows = [];
  const step = async (name, run) => {
    const before = await page.evaluate(() => window.__long.length);
    const t0 = Date.now();
    await run();
    const ms = Date.now() - t0;
    await page.waitForTimeout(200);
    const long = await page.evaluate((n) => window.__long.slice(n), before);
    rows.push({ name, ms, long });
  };
  await step('type "oil prices"', async () => {
    await page.locator('#q').focus();
    await page.keyboard.type('oil prices', { delay: 30 });
    await page.waitForFunction(() => document.querySelector('#results').dataset.shown === 'oil prices', null, { timeout: 60000 });
  });
  await step('open the first result', async () => {
    await page.locator('#results .result-link').first().click();
    await page.waitForSelector('#reader:not([hidden]) #reader-body p', { timeout: 60000 });
  });
  await step('open Tables', async () => {
    await page.locator('#view-tables').click();
    await page.waitForSelector('#table-panel table tbody tr', { timeout: 600000 });
  });
  await page.locator('#view-search').click();
  await page.evaluate((files) => {
    window.__files = files.map((f) => new File([f.text], f.name, { type: 'text/plain' }));
  }, generated(200));
  await step('drop 200 files', async () => {
    await page.evaluate(() => {
      const dataTransfer = new DataTransfer();
      for (const f of window.__files) dataTransfer.items.add(f);
      window.dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => /200 articles added/.test(document.querySelector('#import-log').textContent), null, { timeout: 600000 });
  });
  await context.close();
  return rows;
}

async function main() {
  const seedsOnly = ARGS.includes('--seeds-only');
  if (!seedsOnly && (!ARGS.includes('--skip-build') || !existsSync(join(SITE, 'index.html')))) buildReutersSite();
  const dist = join(ROOT, 'dist');
  for (const d of [dist, BASELINE]) if (!existsSync(join(d, 'index.html'))) throw new Error(`${d} is missing (build it first; --baseline names another dist/)`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const servers = [];
  const at = async (dir) => {
    const s = await serve(dir, 0, '/');
    servers.push(s.server);
    return s.url;
  };
  try {
    const [now, base] = [await at(dist), await at(BASELINE)];
    const times = { now: [], base: [] };
    await firstResult(browser, now); // warm the disk cache for both
    await firstResult(browser, base);
    for (let i = 0; i < RUNS; i += 1) {
      times.now.push(await firstResult(browser, now));
      times.base.push(await firstResult(browser, base));
    }
    const [mNow, mBase] = [median(times.now), median(times.base)];
    console.log(`\nseed page, first result of #q=alibaba (median of ${RUNS}, alternating):`);
    console.log(`  this build (core in a worker)  ${mNow.toFixed(0)} ms`);
    console.log(`  baseline (${BASELINE.replace(`${ROOT}/`, '')})  ${mBase.toFixed(0)} ms`);
    console.log(`  ratio ${(mNow / mBase).toFixed(2)}`);
    if (seedsOnly) return;
    const rows = await responsiveness(browser, await at(SITE));
    console.log('\nReuters (19,043 articles): the page\'s long tasks (50 ms or more) per step');
    console.log(`  ${'step'.padEnd(24)} ${'took'.padStart(9)}  long tasks`);
    for (const r of rows) console.log(`  ${r.name.padEnd(24)} ${`${(r.ms / 1000).toFixed(1)} s`.padStart(9)}  ${r.long.length ? r.long.map((ms) => `${ms} ms`).join(', ') : 'none'}`);
    const worst = Math.max(0, ...rows.flatMap((r) => r.long));
    console.log(`  longest task on the page: ${worst ? `${worst} ms` : 'none of 50 ms or more'}`);
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
