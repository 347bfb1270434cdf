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
  await page.waitForFunction(() => document.querySelector('#list-heading').textContent === 'Articles' && document.querySelector('#results').dataset.shown === '');
  return page.evaluate(() => [...document.querySelectorAll('#results li')].filter((li) => li.querySelector('.result-link')).map((li) => ({
    id: li.querySelector('.result-link').dataset.id,
    title: li.querySelector('.result-link').textContent,
    added: li.classList.contains('added'),
  })));
}

async function search(page, q) {
  await page.evaluate((q) => { location.hash = `#q=${encodeURIComponent(q)}`; }, q);
  await page.waitForFunction((q) => document.querySelector('#q').value === q && document.querySelector('#results').dataset.shown === q, q);
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

test('Remove offers Undo, which puts the article back, saved', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  await page.locator('#file-input').setInputFiles([GOOD[0]]);
  await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent));
  await listIds(page);
  await page.locator('[data-remove="harbour-report"]').click();
  const undo = page.locator('#import-log li', { hasText: 'Removed harbour-report.txt.' }).getByRole('button', { name: 'Undo' });
  await undo.waitFor();
  assert.deepEqual(await search(page, 'harbour'), []);
  await undo.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /Put back harbour-report\.txt\./.test(document.querySelector('#import-log').textContent));
  assert.deepEqual(await search(page, 'harbour'), ['harbour-report']);
  await page.reload();
  await ready(page);
  assert.ok((await listIds(page)).some((a) => a.id === 'harbour-report' && a.added), 'the article put back is saved again');
  assert.deepEqual(problems, []);
  await context.close();
});

/** Write records straight into the page's IndexedDB, as an older build or a damaged disk might have left them. */
function plantRecords(page, records) {
  return page.evaluate((records) => new Promise((resolve, reject) => {
    const req = indexedDB.open('article-explorer', 2);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('articles', 'readwrite');
      for (const r of records) tx.objectStore('articles').put(r);
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), records);
}

test('a saved record the core cannot load is listed with its reason, exported, and can be deleted', async () => {
  const { page, context } = await newPage(env.browser, { acceptDownloads: true });
  page.on('dialog', (d) => d.accept());
  await page.goto(env.url);
  await ready(page);
  await plantRecords(page, [
    { id: 'fine', name: 'fine.txt', text: 'Fine Story\n\nA fine story about kites.' },
    { id: 'damaged', name: 'damaged.txt', text: 42 },
    { id: 'blank', name: 'blank.txt', text: '   \n  ' },
  ]);
  await page.reload();
  await ready(page);
  await listIds(page);
  const items = page.locator('#results li.unrestored');
  assert.equal(await items.count(), 2);
  const texts = await items.allTextContents();
  assert.ok(texts.some((t) => t.includes('damaged.txt') && /damaged/.test(t.replace('damaged.txt', ''))), texts.join(' | '));
  assert.ok(texts.some((t) => t.includes('blank.txt') && /empty|no text/i.test(t)), texts.join(' | '));
  assert.match(await page.locator('#status').textContent(), /2 saved articles could not be loaded/);
  assert.ok((await listIds(page)).some((a) => a.id === 'fine'), 'the good record is loaded');
  // Export still carries every saved record.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const saved = join(OUT, 'unrestored-export.json');
  await download.saveAs(saved);
  assert.deepEqual(JSON.parse(readFileSync(saved, 'utf8')).articles.map((a) => a.id).sort(), ['blank', 'damaged', 'fine']);
  // Delete one; it stays deleted.
  await page.getByRole('button', { name: 'Delete the saved copy of blank.txt' }).click();
  await page.waitForFunction(() => /Deleted the saved copy of blank\.txt/.test(document.querySelector('#import-log').textContent));
  await page.reload();
  await ready(page);
  await listIds(page);
  assert.deepEqual(await page.locator('#results li.unrestored h3').allTextContents(), ['damaged.txtNot loaded']);
  await context.close();
});

test('import names every refused entry with its reason, and refuses an oversized file unread', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  const payload = {
    format: 'article-explorer-articles',
    version: 1,
    articles: [
      { id: 'kites', name: 'kites.txt', text: 'Kites Return\n\nKites returned to the park, organisers said.' },
      { name: 5, text: 'no name' },
      'junk',
      { name: `${'n'.repeat(300)}.txt`, text: 'Long Name\n\nA body.' },
      { name: 'notext.txt' },
    ],
    corrections: [],
  };
  await page.locator('#import-input').setInputFiles([{ name: 'mixed.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(payload)) }]);
  await page.waitForFunction(() => /Imported/.test(document.querySelector('#import-log').textContent));
  const log = await page.locator('#import-log li').allTextContents();
  assert.ok(log.some((l) => /entry 2: it has no name/.test(l)), log.join(' | '));
  assert.ok(log.some((l) => /entry 3: not an article/.test(l)), log.join(' | '));
  assert.ok(log.some((l) => /entry 4 .*longer than 255 characters/.test(l)), log.join(' | '));
  assert.ok(log.some((l) => /entry 5 \(notext\.txt\): it has no text/.test(l)), log.join(' | '));
  assert.equal(log.at(-1), 'Imported 1 article, 4 refused.');
  assert.deepEqual(await search(page, 'kites'), ['kites']);
  // A file over the limit is refused before a byte of it is read.
  const big = await page.evaluate(async () => {
    const library = await import('./library.js');
    const log = document.createElement('ul');
    let read = false;
    const file = { name: 'huge.json', size: library.IMPORT_LIMIT + 1, text: async () => { read = true; return '{}'; } };
    const entries = await library.readExport(file, { log });
    return { entries, read, said: log.textContent };
  });
  assert.equal(big.entries, null);
  assert.equal(big.read, false);
  assert.match(big.said, /huge\.json: larger than the 256 MB import limit \(not read\)/);
  await context.close();
});
