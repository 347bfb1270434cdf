// Anywhere, offline: the single file from file://, the served site offline
// after one visit, a new build replacing the cached one, and a --corpus build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { start, newPage, ready, until, buildCaches, DIST, OUT, ROOT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

async function searchFor(page, q) {
  await page.locator('#q').fill(q);
  await page.waitForFunction((q) => document.querySelector('#results').dataset.shown === q && document.querySelector('#status').textContent.includes('match'), q);
  return page.locator('#results .result-link').evaluateAll((as) => as.map((a) => a.dataset.id));
}

test('the single file opened from disk answers a search, reads and imports', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ae-single-'));
  const file = join(dir, 'explorer.html');
  cpSync(join(DIST, 'explorer.html'), file); // alone: nothing beside it
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  const requests = [];
  const local = (url) => /^(file|data|blob):/.test(url); // blob: the core's worker, made in the page
  page.on('request', (r) => { if (!local(r.url())) requests.push(r.url()); });
  await page.goto(pathToFileURL(file).href);
  await ready(page);
  // The core runs in a worker from a blob: URL, allowed by the file's CSP.
  assert.deepEqual(page.workers().map((w) => w.url().slice(0, 5)), ['blob:']);
  const ids = await searchFor(page, 'Morningstar');
  assert.deepEqual(ids, ['001_d84368878cbb760e']);
  await page.locator('#results .result-link').first().click();
  await page.waitForSelector('#reader:not([hidden]) mark.current');
  assert.equal(await page.locator('#reader-body thead th').count(), 3);
  // HTML import works in the single file too (it carries the HTML-capable core).
  await page.locator('#file-input').setInputFiles([{ name: 'local.html', mimeType: 'text/html', buffer: Buffer.from('<article><h1>Local Page</h1><p>A locally opened page about zeppelins.</p></article>') }]);
  await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent));
  assert.deepEqual(await searchFor(page, 'zeppelins'), ['local']);
  await page.screenshot({ path: join(OUT, 'single-file.png') });
  // A link with view state reopens that view from disk too.
  await page.goto(`${pathToFileURL(file).href}#q=ma&a=002_14415d133ce09bb5&m=3`);
  await ready(page);
  await page.waitForSelector('mark.current');
  const current = await page.evaluate(() => [...document.querySelectorAll('#reader-content mark')].findIndex((m) => m.classList.contains('current')) + 1);
  assert.equal(current, 3);
  assert.equal(await page.locator('#q').inputValue(), 'ma');
  // The tables work from disk: their modules are in the file, and so is the full core.
  await page.goto(`${pathToFileURL(file).href}#v=tables&t=across`);
  await page.waitForSelector('.fact');
  await page.locator('.fact a.fact-value').first().click();
  await page.waitForSelector('#reader:not([hidden]) mark.current');
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('after one visit the site loads and searches offline', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  // clients.claim() hands the open page to the new worker.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  assert.ok(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), 'page is controlled by the service worker');
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.deepEqual(await searchFor(page, 'Casanova'), ['002_14415d133ce09bb5']);
  // HTML support is precached too.
  await page.locator('#file-input').setInputFiles([{ name: 'offline.html', mimeType: 'text/html', buffer: Buffer.from('<p>Offline html about lighthouses.</p>') }]);
  await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent));
  assert.deepEqual(await searchFor(page, 'lighthouses'), ['offline']);
  // So are the tables, with the article added offline in them.
  await page.evaluate(() => { location.hash = '#v=tables&t=articles'; });
  await page.waitForSelector('[data-table="articles"] tbody tr');
  assert.ok((await page.locator('[data-table="articles"] tbody').textContent()).includes('offline'));
  await context.setOffline(false);
  assert.deepEqual(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED')), []);
  await context.close();
});

/** A copy of dist/ that looks like the next deploy: another build id. */
function nextDeploy() {
  const dir = mkdtempSync(join(tmpdir(), 'ae-deploy2-'));
  cpSync(DIST, dir, { recursive: true });
  const oldId = readFileSync(join(dir, 'index.html'), 'utf8').match(/<meta name="build" content="([0-9a-f]+)">/)[1];
  const walk = (d) => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
  for (const f of walk(dir).filter((f) => /\.(html|js)$/.test(f))) {
    writeFileSync(f, readFileSync(f, 'utf8').replaceAll(oldId, 'nextbuild0002'));
  }
  return { dir, oldId };
}

test('a new build replaces the cached one cleanly', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  const { dir, oldId } = nextDeploy();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.build), oldId);
  try {
    env.setRoot(dir);
    await page.reload();
    await ready(page);
    // The new worker installs and waits (the page keeps its build); the page offers a reload.
    await page.waitForSelector('#update-banner:not([hidden])', { timeout: 15000 });
    assert.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)), 'the new build waits');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.build), oldId, 'no surprise reload');
    assert.deepEqual(await buildCaches(page), [`article-explorer-${oldId}`, 'article-explorer-nextbuild0002'].sort());
    // Reload lets it take over, then reloads into it.
    await Promise.all([page.waitForEvent('load'), page.locator('#reload').click()]);
    await ready(page);
    const state = await page.evaluate(() => ({
      html: document.querySelector('meta[name=build]').content,
      js: document.documentElement.dataset.build,
    }));
    assert.deepEqual(state, { html: 'nextbuild0002', js: 'nextbuild0002' }, 'HTML and JS come from the same build');
    // The old build's cache goes once its page is gone (the new page's "loaded" message tidies up).
    await until(page, async () => (await caches.keys()).every((k) => k === 'article-explorer-nextbuild0002' || k === 'article-explorer-clients'), null, 'the old build\'s cache is gone', 15000)
      .catch(() => {});
    assert.deepEqual(await buildCaches(page), ['article-explorer-nextbuild0002']);
    assert.deepEqual(await searchFor(page, 'Unicom'), ['003_1e96ebb220895e9a']);
  } finally {
    env.setRoot(DIST);
  }
  await context.close();
});

test('a --corpus build of a folder mixing .txt, .md and .html, its bodies in text shards fetched on demand', { skip: !existsSync(join(ROOT, 'target', 'dist-mixed', 'index.html')) && 'run ./build.sh test to build target/dist-mixed' }, async () => {
  const mixed = await start(join(ROOT, 'target', 'dist-mixed'));
  try {
    const { page, context, problems } = await newPage(mixed.browser);
    const fetched = [];
    page.on('request', (r) => { if (r.url().includes('/text/')) fetched.push(r.url().split('/').pop()); });
    await page.goto(mixed.url);
    await ready(page);
    const titles = await page.locator('#results .result-link').allTextContents();
    assert.deepEqual(titles.sort(), ['Airlines Add Routes As Demand Returns', 'Duplicate id via another extension', 'Latin One Headline', 'Markdown Story Title']);
    assert.match(await page.locator('#results').textContent(), /Example Wire · 2025-03-01/);
    assert.deepEqual(fetched, [], 'the article list needs no text');
    // The API on both branches: text not here yet → clear errors; a bad shard is refused and nothing is lost.
    const api = await page.evaluate(async () => {
      const core = globalThis.articleExplorer.core;
      const error = async (f) => {
        try {
          await f();
          return null;
        } catch (e) {
          return e instanceof Error ? e.message : `not an Error: ${e}`;
        }
      };
      return {
        shards: (await core.info()).textShards,
        all: await core.textNeeded(null),
        one: await core.textNeeded(['html-story']),
        reader: await error(() => core.highlight('html-story', 'airlines', null)),
        badIds: await error(() => core.textNeeded('html-story')),
        unknown: await error(() => core.textNeeded(['no-such-article'])),
        junk: await error(() => core.loadText(new Uint8Array([1, 2, 3]))),
        notBytes: await error(() => core.loadText('text-0.aet')),
        hits: (await core.search('airlines')).hits.map((h) => [h.id, h.snippet]),
        needed: (await core.search('airlines')).textNeeded,
      };
    });
    assert.equal(api.shards, 4);
    assert.equal(api.all.length, 4);
    assert.equal(api.one.length, 1);
    assert.match(api.reader, /not loaded yet/);
    assert.match(api.badIds, /array of article ids/);
    assert.match(api.unknown, /no article with id "no-such-article"/);
    assert.match(api.junk, /text shard rejected/);
    assert.match(api.notBytes, /Uint8Array/);
    assert.deepEqual(api.hits, [['html-story', '']]);
    assert.deepEqual(api.needed, api.one);
    // Searching fetches the hits' text, then the snippets appear.
    assert.deepEqual(await searchFor(page, 'airlines'), ['html-story']);
    await page.waitForSelector('#results .snippet mark');
    assert.deepEqual(fetched, api.one, 'only the hit\'s shard is fetched');
    assert.deepEqual(await searchFor(page, 'cafe'), ['latin1-story']);
    await page.waitForSelector('#results .snippet mark');
    // Opening an article whose text is not loaded yet fetches it first.
    await page.goto(`${mixed.url}#a=plain-story`);
    await page.waitForSelector('#reader:not([hidden]) #reader-body p');
    assert.ok(fetched.length === 3, `fetched ${fetched}`);
    // The tables need the whole text: the rest is loaded (and kept), then they show.
    await page.goto(`${mixed.url}#v=tables&t=articles`);
    await page.waitForSelector('#table-panel table tbody tr');
    assert.equal(await page.locator('#table-panel table tbody tr').count(), 4);
    assert.deepEqual(await page.evaluate(() => globalThis.articleExplorer.core.textNeeded(null)), []);
    assert.equal(new Set(fetched).size, 4);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await mixed.stop();
  }
});

test('switching tabs while the tables wait for the text keeps one load, shown in the busy bar; Cancel stops it', { skip: !existsSync(join(ROOT, 'target', 'dist-mixed', 'index.html')) && 'run ./build.sh test to build target/dist-mixed' }, async () => {
  const mixed = await start(join(ROOT, 'target', 'dist-mixed'));
  try {
    // No service worker: once it controls the page, its fetches would pass the route below.
    const { page, context, problems } = await newPage(mixed.browser, { serviceWorkers: 'block' });
    // The first shard comes at once, the others wait until released.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let served = 0;
    await page.route('**/text/**', async (route) => {
      served += 1;
      if (served > 1) await held;
      await route.continue();
    });
    await page.goto(`${mixed.url}#v=tables&t=figures`);
    // The busy bar says how far the load is, with a Cancel button.
    const bar = page.locator('#busy:not([hidden])');
    await page.waitForFunction(() => /1 of 4/.test(document.querySelector('#busy-label')?.textContent ?? ''));
    await bar.waitFor();
    assert.equal(await bar.locator('button').textContent(), 'Cancel');
    // Switch tabs; resolve once the page has handled the hash change.
    await page.evaluate(() => new Promise((resolve) => {
      window.addEventListener('hashchange', () => setTimeout(resolve, 0), { once: true });
      location.hash = '#v=tables&t=articles';
    }));
    assert.match(await bar.locator('#busy-label').textContent(), /1 of 4/, 'one load, still counting');
    assert.match(await page.locator('#table-panel .status').textContent(), /Finding names, figures and quotes/);
    // Cancel stops the load (a fresh core starts); the tables wait until asked again.
    await bar.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForFunction(() => /Stopped\. The tables were not built\./.test(document.querySelector('#table-panel').textContent));
    assert.equal(await page.locator('#busy').isHidden(), true);
    release();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#table-panel table').count(), 0, 'a cancelled build does not start again by itself');
    await page.getByRole('button', { name: 'Build the tables' }).click();
    await page.waitForSelector('#table-panel table tbody tr');
    assert.equal(await page.locator('#table-panel table tbody tr').count(), 4);
    assert.deepEqual(problems.filter((p) => !/Service Worker registration blocked/.test(p)), []);
    await context.close();
  } finally {
    await mixed.stop();
  }
});

test('the single file of a sharded corpus carries its text shards inline', { skip: !existsSync(join(ROOT, 'target', 'dist-mixed', 'explorer.html')) && 'run ./build.sh test to build target/dist-mixed' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ae-single-shards-'));
  const file = join(dir, 'explorer.html');
  cpSync(join(ROOT, 'target', 'dist-mixed', 'explorer.html'), file);
  const { page, context, problems } = await newPage(env.browser);
  const requests = [];
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) requests.push(r.url()); });
  await page.goto(pathToFileURL(file).href);
  await ready(page);
  assert.equal(await page.evaluate(() => globalThis.articleExplorer.core.info().then((i) => i.textShards)), 4);
  assert.deepEqual(await searchFor(page, 'airlines'), ['html-story']);
  await page.waitForSelector('#results .snippet mark');
  await page.locator('#results .result-link').first().click();
  await page.waitForSelector('#reader:not([hidden]) mark.current');
  assert.deepEqual(requests, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('offline, a sharded site keeps the text it has fetched and says so for the rest', { skip: !existsSync(join(ROOT, 'target', 'dist-mixed', 'index.html')) && 'run ./build.sh test to build target/dist-mixed' }, async () => {
  const mixed = await start(join(ROOT, 'target', 'dist-mixed'));
  try {
    const { page, context, problems } = await newPage(mixed.browser);
    await page.goto(mixed.url);
    await ready(page);
    await page.evaluate(async () => { await navigator.serviceWorker.ready; });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
    // Online: one article's text is fetched (through the worker, which keeps it).
    assert.deepEqual(await searchFor(page, 'airlines'), ['html-story']);
    await page.waitForSelector('#results .snippet mark');
    await context.setOffline(true);
    await page.reload();
    await ready(page);
    assert.deepEqual(await searchFor(page, 'airlines'), ['html-story']);
    await page.waitForSelector('#results .snippet mark');
    await page.locator('#results .result-link').first().click();
    await page.waitForSelector('#reader:not([hidden]) mark.current');
    // Never fetched: the ranked list still works, the reader says why it cannot open.
    assert.deepEqual(await searchFor(page, 'cafe'), ['latin1-story']);
    await page.evaluate(() => { location.hash = '#a=latin1-story'; });
    await page.waitForFunction(() => /could not be loaded/.test(document.querySelector('#status').textContent));
    assert.equal(await page.locator('#reader').isHidden(), true);
    await context.setOffline(false);
    // The two fetches of text never cached fail, as they must offline.
    assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|net::ERR_FAILED|text-\d+-/.test(p)), []);
    await context.close();
  } finally {
    await mixed.stop();
  }
});
