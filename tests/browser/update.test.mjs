// A new deploy never mixes builds: a page of build A that stays open while
// build B installs keeps getting build A's files (the Tables view's modules,
// the full core, a restarted core) until the reader presses Reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { start, newPage, ready, DIST } from './helpers.mjs';

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

test('build A stays whole while build B waits; Reload brings B', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
  const { dir, aId } = buildB();
  const hashesA = buildAHashes();
  assert.ok(hashesA['pkg-full/article_explorer_bg.wasm'] && hashesA['views/tabs.js'], 'build A has the full core and the tables modules');
  try {
    env.setRoot(dir);
    // Build B installs (whatever it does next: a waiting worker, or today's skipWaiting).
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      globalThis.firstWorker = reg.active;
      await reg.update();
    });
    await page.waitForFunction(async (id) => {
      const reg = await navigator.serviceWorker.getRegistration();
      return !reg.installing && (reg.waiting || reg.active !== globalThis.firstWorker) && caches.has(`article-explorer-${id}`);
    }, B_ID, { timeout: 20000 });

    // From here on, everything the A page receives must be build A's.
    const bodies = [];
    page.on('response', (res) => { bodies.push(res.body().then((b) => [res.url(), b], () => [res.url(), null])); });
    // The Tables view: its modules and the full core are loaded now.
    await page.evaluate(() => { location.hash = '#v=tables&t=articles'; });
    await page.waitForSelector('[data-table="articles"] tbody tr', { timeout: 20000 });
    // A file added through the page.
    await page.evaluate(() => { location.hash = '#'; });
    await page.locator('#file-input').setInputFiles([{ name: 'kept.txt', mimeType: 'text/plain', buffer: Buffer.from('Build A Stays\n\nThe open page keeps the files of its own build.\n') }]);
    await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent), null, { timeout: 20000 });
    // Every file a core restart could load, however it is done: fetched, and the glue imported under a new URL.
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
    const received = await Promise.all(bodies);
    assert.ok(received.some(([url]) => url.includes('views/tabs.js')), 'the tables modules were loaded after build B installed');
    const fromB = received.filter(([, body]) => body && (body.includes(B_MARK) || body.includes(B_ID))).map(([url]) => url);
    assert.deepEqual(fromB, [], 'no response to the build A page came from build B');
    for (const [f, hash] of Object.entries(hashesA)) assert.equal(fetched[f], hash, `${f} came from build A`);
    assert.deepEqual([fetched['pkg restarted'], fetched['pkg-full restarted']], ['function', 'function']);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.build), aId);

    // The reader is told, and only the Reload button brings build B.
    await page.waitForSelector('#update-banner:not([hidden])');
    assert.ok(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting)), 'build B waits');
    await page.locator('#reload').focus();
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')]);
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.build), B_ID);
    assert.equal(await page.locator('meta[name=build]').getAttribute('content'), B_ID);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`article-explorer-${B_ID}`], 'build A\'s cache is gone once no page uses it');
    // The article added in build A is still there.
    await page.locator('#q').fill('stays');
    await page.waitForSelector('#results .result-link[data-id="kept"]');
    assert.deepEqual(problems, []);
  } finally {
    env.setRoot(DIST);
  }
  await context.close();
});
