// Your articles: add (good and bad files), persist across reloads, remove,
// export → clear → import round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, newPage, ready, OUT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const GOOD = [
  { name: 'harbour-report.txt', mimeType: 'text/plain', buffer: Buffer.from('Harbour Traffic Climbs\n\nContainer traffic at the harbour climbed sharply, officials said on Monday.\n') },
  { name: 'freight-notes.md', mimeType: 'text/markdown', buffer: Buffer.from('---\nsource: Example Wire\n---\n# Freight Rates Ease\n\nFreight **rates** eased for a third week, brokers said.\n') },
  { name: 'airline-news.html', mimeType: 'text/html', buffer: Buffer.from('<html><head><title>t</title><script>window.__ran=1</script></head><body><article><h1>Airlines Add Routes</h1><p>Airlines added routes as passenger demand returned, executives said.</p></article></body></html>') },
  { name: 'cafe-latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' Prices Rise\n\nThe caf'), 0xe9, ...Buffer.from(' raised prices, owners said.\n')]) },
];
const BAD = [
  { name: 'image.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]) },
  { name: 'empty.md', mimeType: 'text/markdown', buffer: Buffer.alloc(0) },
  { name: 'huge.txt', mimeType: 'text/plain', buffer: Buffer.alloc(5 * 1024 * 1024 + 10, 'a') },
  // Too large to be an article even as UTF-16: refused without being read.
  { name: 'giant.txt', mimeType: 'text/plain', buffer: Buffer.alloc(11 * 1024 * 1024, 'b') },
  { name: '000_126e87e973e443c0.txt', mimeType: 'text/plain', buffer: Buffer.from('Clash\n\nSame id as a built-in article.') },
  { name: 'slides.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
];

async function listIds(page) {
  await page.evaluate(() => { location.hash = '#'; });
  await page.waitForFunction(() => document.querySelector('#list-heading').textContent === 'Articles');
  return page.evaluate(() => [...document.querySelectorAll('#results li')].map((li) => ({
    id: li.querySelector('.result-link').dataset.id,
    title: li.querySelector('.result-link').textContent,
    added: li.classList.contains('added'),
  })));
}

async function search(page, q) {
  await page.evaluate((q) => { location.hash = `#q=${encodeURIComponent(q)}`; }, q);
  await page.waitForFunction((q) => document.querySelector('#q').value === q, q);
  return page.evaluate(() => [...document.querySelectorAll('#results li:not(.partial) .result-link')].map((a) => a.dataset.id));
}

test('add, persist, remove, export, clear, import', async () => {
  const { page, context, problems } = await newPage(env.browser, { acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page.on('dialog', (d) => d.accept());
  await page.goto(env.url);
  await ready(page);
  await page.locator('#file-input').setInputFiles([...GOOD, ...BAD]);
  await page.waitForFunction(() => /added/.test(document.querySelector('#import-log')?.lastElementChild?.textContent ?? ''));
  const log = await page.locator('#import-log li').allTextContents();
  for (const [name, why] of [['image.txt', 'binary'], ['empty.md', 'empty'], ['huge.txt', 'limit'], ['giant.txt', 'not read'], ['000_126e87e973e443c0.txt', 'already exists'], ['slides.pdf', 'unsupported']]) {
    assert.ok(log.some((l) => l.startsWith(name) && l.includes(why)), `no report for ${name}: ${log.join(' | ')}`);
  }
  assert.match(log.at(-1), /^4 articles added, 6 refused\.$/);
  assert.equal(await page.evaluate(() => window.__ran), undefined, 'script in an HTML file never runs');
  await page.screenshot({ path: join(OUT, 'library-added.png') });
  assert.deepEqual(await search(page, 'harbour'), ['harbour-report']);
  assert.deepEqual(await search(page, 'cafe prices'), ['cafe-latin1']);
  assert.deepEqual(await search(page, 'freight rates'), ['freight-notes']);
  assert.deepEqual(await search(page, 'airlines routes'), ['airline-news']);
  const before = await listIds(page);
  assert.equal(before.length, 9);
  assert.equal(before.filter((a) => a.added).length, 4);
  assert.ok(before.some((a) => a.id === 'cafe-latin1' && a.title === 'Café Prices Rise'));

  // Reload: still there (IndexedDB).
  await page.reload();
  await ready(page);
  assert.deepEqual(await listIds(page), before);
  assert.deepEqual(await search(page, 'harbour'), ['harbour-report']);

  // Remove one.
  await listIds(page);
  await page.locator('[data-remove="freight-notes"]').click();
  await page.waitForFunction(() => !document.querySelector('[data-remove="freight-notes"]'));
  assert.deepEqual(await search(page, 'freight rates'), []);
  const afterRemove = await listIds(page);
  assert.equal(afterRemove.length, 8);

  // Export, clear, import: identical.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const exported = join(OUT, 'my-articles.json');
  await download.saveAs(exported);
  const json = JSON.parse(readFileSync(exported, 'utf8'));
  assert.equal(json.format, 'article-explorer-articles');
  assert.equal(json.articles.length, 3);
  await page.locator('#remove-all').click();
  await page.waitForFunction(() => document.querySelectorAll('#results li.added').length === 0);
  assert.equal((await listIds(page)).length, 5);
  await page.locator('#import-input').setInputFiles(exported);
  await page.waitForFunction(() => /Imported 3 articles/.test(document.querySelector('#import-log').textContent));
  assert.deepEqual(await listIds(page), afterRemove);
  await page.reload();
  await ready(page);
  assert.deepEqual(await listIds(page), afterRemove);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a storage failure halfway through a drop loses nothing already stored', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  await page.locator('#file-input').setInputFiles([GOOD[0]]);
  await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent));
  // From now on the second write fails as a full disk would.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let n = 0;
    IDBObjectStore.prototype.put = function patched(...args) {
      n += 1;
      if (n === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await page.locator('#file-input').setInputFiles([GOOD[1], GOOD[2], GOOD[3]]);
  await page.waitForFunction(() => /2 articles added, 1 refused/.test(document.querySelector('#import-log').textContent));
  const log = await page.locator('#import-log').textContent();
  assert.match(log, /airline-news\.html: could not be saved \(The quota has been exceeded\.\)/);
  // What could not be saved is not searchable either; the rest is.
  assert.deepEqual(await search(page, 'airlines routes'), []);
  assert.deepEqual(await search(page, 'freight rates'), ['freight-notes']);
  await page.reload();
  await ready(page);
  const ids = (await listIds(page)).filter((a) => a.added).map((a) => a.id);
  assert.deepEqual(ids, ['cafe-latin1', 'freight-notes', 'harbour-report']);
  await context.close();
});
