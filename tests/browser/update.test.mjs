// A new deploy never mixes builds: a page of build A that stays open while
// build B installs keeps getting build A's files (the Tables view's modules,
// the full core, a restarted core) until the reader presses Reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { start, newPage, ready, until, DIST } from './helpers.mjs';

const B_ID = 'buildb000002';
const B_MARK = 'served-by-build-b';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

function walk(dir) {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A wasm custom section named `name` holding `text`: appended, the module stays valid but its bytes differ. */
function customSection(name, text) {
  const leb = (n) => {
    const out = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n) byte |= 0x80;
      out.push(byte);
    } while (n);
    return out;
  };
  const body = Buffer.concat([Buffer.from(leb(Buffer.byteLength(name))), Buffer.from(name), Buffer.from(text)]);
  return Buffer.concat([Buffer.from([0]), Buffer.from(leb(body.length)), body]);
}

/**
 * Build B: a copy of dist/ with another build id, a marker in every script,
 * page and style, and a custom section in every wasm (so its hash differs).
 */
function buildB() {
  const dir = mkdtempSync(join(tmpdir(), 'ae-build-b-'));
  cpSync(DIST, dir, { recursive: true });
  const aId = readFileSync(join(dir, 'index.html'), 'utf8').match(/<meta name="build" content="([0-9a-f]+)">/)[1];
  for (const f of walk(dir)) {
    if (/\.(js|html|css|webmanifest)$/.test(f)) {
      const text = readFileSync(f, 'utf8').replaceAll(aId, B_ID);
      const mark = f.endsWith('.html') ? `<!-- ${B_MARK} -->` : f.endsWith('.webmanifest') ? '' : `/* ${B_MARK} */`;
      writeFileSync(f, `${text}\n${mark}\n`);
    } else if (f.endsWith('.wasm')) {
      writeFileSync(f, Buffer.concat([readFileSync(f), customSection(B_MARK, B_MARK)]));
    }
  }
  return { dir, aId };
}

/** Build A's files a page can load, by URL relative to the page, with their sha-256. */
function buildAHashes() {
  return Object.fromEntries(walk(DIST)
    .map((f) => relative(DIST, f).split('\\').join('/'))
    .filter((f) => /\.(js|wasm)$/.test(f) && f !== 'sw.js')
    .map((f) => [f, sha256(readFileSync(join(DIST, f)))]));
}

/** Build B, served from now on; resolves once it is installed beside build A. */
async function installB(page) {
  const { dir, aId } = buildB();
  env.setRoot(dir);
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    globalThis.firstWorker = reg.active;
    await reg.update();
  });
  await until(page, async (id) => {
    const reg = await navigator.serviceWorker.getRegistration();
    return !reg.installing && Boolean(reg.waiting || reg.active !== globalThis.firstWorker) && await caches.has(`article-explorer-${id}`);
  }, B_ID, 'build B is installed');
  return aId;
}

/** An open page of build A, once controlled by the service worker. */
async function openA(page) {
  await page.goto(env.url);
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
}

/**
 * The A page opens the Tables view (its modules and the full core), adds a
 * file, and fetches every file a core restart could load, however it is
 * done: everything it receives must be build A's.
 */
async function assertStaysA(page, hashesA, aId) {
  const bodies = [];
  const onResponse = (res) => { bodies.push(res.body().then((b) => [res.url(), b], () => [res.url(), null])); };
  page.on('response', onResponse);
  await page.evaluate(() => { location.hash = '#v=tables&t=articles'; });
  await page.waitForSelector('[data-table="articles"] tbody tr', { timeout: 20000 });
  await page.evaluate(() => { location.hash = '#'; });
  await page.locator('#file-input').setInputFiles([{ name: 'kept.txt', mimeType: 'text/plain', buffer: Buffer.from('Build A Stays\n\nThe open page keeps the files of its own build.\n') }]);
  await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent), null, { timeout: 20000 });
  const fetched = await page.evaluate(async (files) => {
    const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const out = {};
    for (const f of files) {
      const res = await fetch(new URL(f, location.href));
      out[f] = hex(await crypto.subtle.digest('SHA-256', await res.arrayBuffer()));
    }
    for (const dir of ['pkg', 'pkg-full']) {
      const mod = await import(new URL(`${dir}/article_explorer.js?restart=${Date.now()}`, location.href).href);
      await mod.default({ module_or_path: new URL(`${dir}/article_explorer_bg.wasm?restart=${Date.now()}`, location.href) });
      out[`${dir} restarted`] = typeof mod.search;
    }
    return out;
  }, Object.keys(hashesA));
  page.off('response', onResponse);
  const received = await Promise.all(bodies);
  assert.ok(received.some(([url]) => url.includes('views/tabs.js')), 'the tables modules were loaded after build B installed');
  const fromB = received.filter(([, body]) => body && (body.includes(B_MARK) || body.includes(B_ID))).map(([url]) => url);
  assert.deepEqual(fromB, [], 'no response to the build A page came from build B');
  for (const [f, hash] of Object.entries(hashesA)) assert.equal(fetched[f], hash, `${f} came from build A`);
  assert.deepEqual([fetched['pkg restarted'], fetched['pkg-full restarted']], ['function', 'function']);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.build), aId);
}

/** Press the banner's Reload with the keyboard; the page comes back as build B. */
async function reloadIntoB(page) {
  await page.waitForSelector('#update-banner:not([hidden])');
  await page.locator('#reload').focus();
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
  await ready(page);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.build), B_ID);
  assert.equal(await page.locator('meta[name=build]').getAttribute('content'), B_ID);
}

/** Build A's cache goes once no page uses it: only B's and the worker's own list stay. */
async function assertOnlyB(page) {
  const want = [`article-explorer-${B_ID}`, 'article-explorer-clients'].sort();
  await until(page, async (w) => JSON.stringify((await caches.keys()).sort()) === JSON.stringify(w), want, 'only build B\'s caches are left', 15000)
    .catch(async () => assert.deepEqual((await page.evaluate(() => caches.keys())).sort(), want, 'build A\'s cache is gone once no page uses it'));
}

test('build A stays whole while build B waits; Reload brings B', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await openA(page);
  const hashesA = buildAHashes();
  assert.ok(hashesA['pkg-full/article_explorer_bg.wasm'] && hashesA['views/tabs.js'], 'build A has the full core and the tables modules');
  try {
    const aId = await installB(page);
    await assertStaysA(page, hashesA, aId);
    // The reader is told, and only the Reload button brings build B.
    await page.waitForSelector('#update-banner:not([hidden])');
    assert.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)), 'build B waits');
    await reloadIntoB(page);
    await assertOnlyB(page);
    // The article added in build A is still there.
    await page.locator('#q').fill('stays');
    await page.waitForSelector('#results .result-link[data-id="kept"]');
    assert.deepEqual(problems, []);
  } finally {
    env.setRoot(DIST);
  }
  await context.close();
});

test('two tabs of build A: one tab\'s Reload brings B there, the other keeps build A until its own Reload', async () => {
  const { page: first, context, problems } = await newPage(env.browser);
  const second = await context.newPage();
  second.on('pageerror', (err) => problems.push(`second tab: ${err.message}`));
  await openA(first);
  await openA(second);
  const hashesA = buildAHashes();
  try {
    const aId = await installB(first);
    await reloadIntoB(first);
    // Build B now controls both tabs; the second still shows build A.
    assert.equal(await second.evaluate(() => document.documentElement.dataset.build), aId);
    await assertStaysA(second, hashesA, aId);
    assert.ok(await second.evaluate((id) => caches.has(`article-explorer-${id}`), aId), 'build A\'s cache stays while a page of A is open');
    await reloadIntoB(second);
    await assertOnlyB(second);
    assert.deepEqual(problems, []);
  } finally {
    env.setRoot(DIST);
  }
  await context.close();
});
