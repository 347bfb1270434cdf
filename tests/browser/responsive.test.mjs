// The page's thread stays free: the core runs in its worker, so typing,
// opening an article, opening the tables and adding 200 files never make
// the page run a task of 50 ms or more (a long-task PerformanceObserver
// watches). And long work can be cancelled without losing what was saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, newPage, ready, OUT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const WORDS = ['harbour', 'freight', 'council', 'budget', 'river', 'market', 'school', 'transit', 'energy', 'housing', 'airport', 'museum'];

/** `n` generated articles (plain text, a title and two paragraphs each). */
function generated(n, prefix = 'gen') {
  return Array.from({ length: n }, (_, i) => {
    const a = WORDS[i % WORDS.length];
    const b = WORDS[(i * 7 + 3) % WORDS.length];
    const body = `The ${a} report number ${i} said spending on the ${b} rose 4.${i % 10}% to $${(i % 90) + 10} million, officials said on Monday.\n\n`
      + `"We expect the ${a} plan to move ahead this year," said a spokesperson for the city, adding that the ${b} review would follow.\n`;
    return { name: `${prefix}-${String(i).padStart(3, '0')}.txt`, mimeType: 'text/plain', buffer: Buffer.from(`${a[0].toUpperCase()}${a.slice(1)} Report ${i}\n\n${body}`) };
  });
}

/** Start recording the page's long tasks (50 ms or more). */
async function watchLongTasks(page) {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push({ name: e.name, ms: Math.round(e.duration), at: Math.round(e.startTime) });
    }).observe({ type: 'longtask' });
  });
}

test('no task of 50 ms or more on the page while typing, reading, opening Tables and dropping 200 files', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.url);
  await ready(page);
  await watchLongTasks(page);
  const steps = [];
  const step = async (name, run) => {
    const before = await page.evaluate(() => window.__long.length);
    await run();
    await page.waitForTimeout(100); // let a trailing task be reported
    steps.push({ name, long: await page.evaluate((n) => window.__long.slice(n), before) });
  };
  await step('type a query', async () => {
    await page.locator('#q').focus();
    await page.keyboard.type('alibaba cloud', { delay: 25 });
    await page.waitForFunction(() => document.querySelector('#results').dataset.shown === 'alibaba cloud');
  });
  await step('open an article', async () => {
    await page.locator('#results .result-link').first().click();
    await page.waitForSelector('#reader:not([hidden]) mark.current');
  });
  await step('open Tables', async () => {
    await page.locator('#view-tables').click();
    await page.waitForSelector('#table-panel table tbody tr', { timeout: 30000 });
  });
  // The files are made in the page first (their own task, as a file
  // manager would hand them over), then dropped on it.
  await page.locator('#view-search').click();
  await page.evaluate((files) => {
    window.__files = files.map((f) => new File([f.text], f.name, { type: 'text/plain' }));
  }, generated(200).map((f) => ({ name: f.name, text: f.buffer.toString('utf8') })));
  await step('drop 200 files', async () => {
    await page.evaluate(() => {
      const dataTransfer = new DataTransfer();
      for (const f of window.__files) dataTransfer.items.add(f);
      window.dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => /200 articles added/.test(document.querySelector('#import-log').textContent), null, { timeout: 60000 });
  });
  for (const s of steps) console.log(`# ${s.name}: ${s.long.length ? s.long.map((t) => `${t.ms} ms`).join(', ') : 'no long task'}`);
  assert.deepEqual(steps.filter((s) => s.long.length).map((s) => `${s.name}: ${s.long.map((t) => t.ms).join(', ')} ms`), []);
  // The core really is elsewhere: the page's thread holds no wasm instance of its own.
  assert.equal(page.workers().length, 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Cancel stops adding files; what was saved stays, and the page keeps working', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 375, height: 800 } });
  await page.goto(env.url);
  await ready(page);
  // Enough files that the add is still running when Cancel is pressed (each chunk re-indexes every article).
  await page.locator('#file-input').setInputFiles(generated(1000, 'slow'));
  const bar = page.locator('#busy:not([hidden])');
  await bar.waitFor();
  await page.screenshot({ path: join(OUT, 'busy-phone.png') });
  assert.equal(await bar.getByRole('button', { name: 'Cancel' }).count(), 1);
  // Press Cancel as soon as the first chunks are in (from the page, so the add cannot finish first).
  await page.waitForFunction(() => {
    const m = /Adding articles… (\d+) of 1000/.exec(document.querySelector('#busy-label').textContent);
    if (document.querySelector('#busy').hidden || !m || Number(m[1]) < 40 || Number(m[1]) >= 1000) return false;
    document.querySelector('#busy-cancel').click();
    return true;
  }, null, { timeout: 60000, polling: 10 });
  await page.waitForFunction(() => /Stopped\. What was saved before is kept\./.test(document.querySelector('#import-log').textContent));
  assert.equal(await page.locator('#busy').isHidden(), true);
  // The fresh core holds exactly what was saved; so does the next visit.
  // (While the fresh core takes the saved articles back, the old one answers no more.)
  const count = async () => {
    for (let i = 0; i < 100; i += 1) {
      const n = await page.evaluate(async () => {
        try {
          return (await globalThis.articleExplorer.core.articles()).filter((a) => a.added).length;
        } catch {
          return null; // the old core, stopped
        }
      });
      if (n !== null) return n;
      await page.waitForTimeout(100);
    }
    throw new Error('no core answered');
  };
  const now = await count();
  assert.ok(now >= 40 && now < 1000, `${now} articles kept`);
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#results li.added'));
  assert.equal(await count(), now);
  await page.locator('#q').fill('harbour');
  await page.waitForFunction(() => document.querySelector('#results').dataset.shown === 'harbour');
  assert.ok(await page.locator('#results .result-link').count() > 0);
  assert.deepEqual(problems, []);
  await context.close();
});
