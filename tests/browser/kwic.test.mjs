// The concordance (keyword in context): every match of the query as one
// line, sortable by its left or right context, each line opening the reader
// at its match, downloadable; the same matches the reader marks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { start, newPage, ready, OUT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** The words before a match, nearest first (what sorting by the left compares). */
const leftKey = (s) => s.trim().toLowerCase().split(/\s+/).reverse().join(' ');

async function openKwic(page, q) {
  await page.goto(`${env.url}#q=${encodeURIComponent(q)}`);
  await ready(page);
  await page.waitForFunction((want) => document.querySelector('#results').dataset.shown === want, q);
  const link = page.locator('#kwic-link');
  assert.ok(await link.isVisible(), 'the results offer the concordance');
  await link.click();
  await page.waitForSelector('#kwic-view:not([hidden]) #kwic-summary', { timeout: 20000 });
}

test('concordance: every match in context, sorted, opened in the reader, downloaded', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await openKwic(page, 'alibaba');
  const core = await page.evaluate(async () => globalThis.articleExplorer.core.concordance('alibaba', true, 5000));
  assert.ok(core.matches >= 10, `the seeds mention Alibaba often (${core.matches})`);
  assert.match(await page.locator('#kwic-summary').textContent(), new RegExp(`^${core.matches} matches in ${core.articles} articles`));
  const rows = page.locator('[data-table="kwic"] tbody tr');
  assert.equal(await rows.count(), Math.min(core.lines.length, 500));
  for (const m of await page.locator('[data-table="kwic"] .kwic-match').allTextContents()) assert.match(m, /^alibaba/i);
  // Every line is one the reader marks: the sum of the reader's matches over the articles.
  let marked = 0;
  for (const id of new Set(core.lines.map((l) => l.id))) {
    marked += await page.evaluate(async (a) => (await globalThis.articleExplorer.core.highlight(a, 'alibaba', null, true)).matches, id);
  }
  assert.equal(marked, core.matches);

  // Sort by the words to the left: rows follow the nearest left word.
  await page.locator('[data-table="kwic"] th button[data-key="left"]').click();
  const lefts = await page.locator('[data-table="kwic"] tbody tr td:first-child').allTextContents();
  const keys = lefts.map(leftKey);
  const sorted = [...keys].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }));
  assert.deepEqual(keys.filter(Boolean), sorted.filter(Boolean), 'sorted by the left context, nearest word first');
  assert.equal(await page.locator('[data-table="kwic"] th[aria-sort="ascending"] button').getAttribute('data-key'), 'left');
  // Then by the right.
  await page.locator('[data-table="kwic"] th button[data-key="right"]').click();
  const rights = (await page.locator('[data-table="kwic"] tbody tr td:nth-child(3)').allTextContents()).map((s) => s.trim().toLowerCase());
  assert.deepEqual(rights.filter(Boolean), [...rights].filter(Boolean).sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
  await page.screenshot({ path: join(OUT, 'kwic.png') });

  // CSV holds every line with its context, as shown (a formula-looking cell would be defused).
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-table="kwic"] [data-export="csv"]').click()]);
  const csv = readFileSync(await csvDownload.path(), 'utf8').trim().split('\r\n');
  assert.equal(csv[0], 'Left,Match,Right,Article,Id');
  assert.equal(csv.length, core.lines.length + 1);
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.locator('[data-table="kwic"] [data-export="json"]').click()]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  assert.equal(json.length, core.lines.length);
  assert.deepEqual(Object.keys(json[0]), ['left', 'match', 'right', 'article', 'id']);

  // A line opens the reader at its match, and Back returns to the concordance.
  // A line with words on its left, so that the check below says something.
  const first = rows.filter({ has: page.locator('td:first-child', { hasText: /\w+ \w+ \w+/ }) }).first();
  const wantLeft = (await first.locator('td').first().textContent()).trim();
  assert.ok(wantLeft.split(' ').length >= 3, wantLeft);
  await first.locator('.kwic-match').click();
  await page.waitForSelector('#reader:not([hidden]) mark.current', { timeout: 20000 });
  assert.match(await page.locator('mark.current').textContent(), /alibaba/i);
  const before = await page.evaluate(() => {
    const m = document.querySelector('mark.current');
    const r = document.createRange();
    r.setStart(m.parentElement.firstChild ?? m.parentElement, 0);
    r.setEndBefore(m);
    return r.toString().replace(/\s+/g, ' ');
  });
  assert.ok(before.trim().endsWith(wantLeft.split(' ').slice(-3).join(' ')), `${before.slice(-80)} ends with ${wantLeft}`);
  assert.equal(await page.locator('#back').textContent(), '← Concordance');
  // The way back is in the URL: a reload keeps it.
  assert.match(page.url(), /[#&]b=kwic/);
  await page.reload();
  await page.waitForSelector('#reader:not([hidden]) mark.current', { timeout: 20000 });
  assert.equal(await page.locator('#back').textContent(), '← Concordance');
  await page.locator('#back').click();
  await page.waitForSelector('#kwic-view:not([hidden]) [data-table="kwic"]');
  assert.deepEqual(problems, []);
  await context.close();
});

test('concordance: no matches, no query, and its view in light, dark and on a phone', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.url}#v=kwic&q=${encodeURIComponent('semiconduktorzz')}`);
  await ready(page);
  await page.waitForSelector('#kwic-summary');
  assert.equal(await page.locator('#kwic-summary').textContent(), 'No matches.');
  await page.goto(`${env.url}#v=kwic`);
  await page.waitForFunction(() => /Search for a word/.test(document.querySelector('#kwic-panel').textContent));
  await context.close();
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 375]) {
      const { page: p, context: c } = await newPage(env.browser, { colorScheme, viewport: { width, height: 800 } });
      await openKwic(p, 'cloud');
      const { violations } = await new AxeBuilder({ page: p }).include('#kwic-view').analyze();
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${colorScheme} ${width}`);
      const sideways = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      assert.equal(sideways, false, `no sideways scroll at ${width} px`);
      await p.screenshot({ path: join(OUT, `kwic-${colorScheme}-${width}.png`) });
      await c.close();
    }
  }
  assert.deepEqual(problems, []);
});

test('a concordance link opened with saved articles: each is restored once and its matches are listed', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.url);
  await ready(page);
  await page.locator('#file-input').setInputFiles([{ name: 'kites.txt', mimeType: 'text/plain', buffer: Buffer.from('Kite Festival\n\nThe kite festival drew kite makers from far away.\n') }]);
  await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent), null, { timeout: 20000 });
  // A fresh visit straight to the concordance: the full core starts while the saved article is restored.
  await page.goto(`${env.url}#v=kwic&q=kite`);
  await page.reload();
  await ready(page);
  await page.waitForSelector('#kwic-summary', { timeout: 20000 });
  assert.match(await page.locator('#kwic-summary').textContent(), /^3 matches in 1 article/);
  assert.equal(await page.locator('.unrestored').count(), 0, 'no saved article is listed as not loaded');
  await page.goto(`${env.url}#`);
  await page.waitForSelector('#results .result-link[data-id="kites"]');
  assert.equal(await page.locator('#results .result-link[data-id="kites"]').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
