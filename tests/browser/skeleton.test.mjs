// Walking skeleton: the page loads, searches as you type, opens articles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, newPage, ready, OUT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

test('page loads with no console error and lists every article', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  const items = await page.locator('#results li').count();
  assert.equal(items, 5);
  assert.match(await page.locator('#status').textContent(), /5 articles/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('typing a query shows ranked results; the best one contains the word', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  await page.locator('#q').pressSequentially('Morningstar');
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('match'));
  const titles = await page.locator('#results .result-title').allTextContents();
  assert.equal(titles.length, 1);
  assert.match(titles[0], /Alibaba’s \$53 Billion AI Bet/);
  const mark = await page.locator('#results .snippet mark').first().textContent();
  assert.match(mark, /^Morningstar/);
  // Results appear as you type: a prefix already finds it.
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially('Morningst');
  await page.waitForFunction(() => document.querySelectorAll('#results .snippet mark').length > 0);
  assert.equal(await page.locator('#results .result-title').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a click opens the article with clean paragraphs and its table', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.url);
  await ready(page);
  await page.locator('#q').fill('semiconductor');
  await page.waitForSelector('#results .result-link');
  await page.locator('#results .result-link', { hasText: 'Reignites' }).click();
  await page.waitForSelector('#reader:not([hidden]) #reader-body p');
  const body = await page.locator('#reader-body').textContent();
  assert.ok(!/Advertisement|LEAVE A REPLY|Source link/.test(body), 'furniture left in the reader');
  assert.ok((await page.locator('#reader-body p').count()) >= 10);
  assert.deepEqual(await page.locator('#reader-body thead th').allTextContents(), ['Asset/Equity', 'Latest Move', 'Context/Driver']);
  assert.equal(await page.locator('#reader-body tbody tr').count(), 6);
  assert.ok((await page.locator('#reader-body mark').count()) > 0, 'query words are marked in the reader');
  assert.match(page.url(), /#q=semiconductor&a=001_d84368878cbb760e&m=1$/);
  await page.screenshot({ path: join(OUT, 'desktop-reader.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('phone layout: the reader replaces the list and Back returns', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 375, height: 740 }, isMobile: true });
  await page.goto(env.url);
  await ready(page);
  await page.locator('#q').fill('deepseek');
  await page.waitForFunction(() => document.querySelector('#results').dataset.shown === 'deepseek');
  await page.screenshot({ path: join(OUT, 'phone-results.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  await page.locator('#results .result-link').first().click();
  await page.waitForSelector('#reader:not([hidden])');
  assert.equal(await page.locator('.list-pane').isVisible(), false);
  await page.screenshot({ path: join(OUT, 'phone-reader.png') });
  await page.locator('#back').click();
  await page.waitForSelector('#reader[hidden]', { state: 'attached' });
  assert.equal(await page.locator('.list-pane').isVisible(), true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('dark mode follows the system', async () => {
  const { page, context } = await newPage(env.browser, { colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  await page.goto(`${env.url}#q=cloud&a=004_6fbf10b742a03655`);
  await ready(page);
  await page.waitForSelector('#reader:not([hidden])');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(18, 20, 23)');
  await page.screenshot({ path: join(OUT, 'dark-reader.png') });
  await context.close();
});

test('errors from the core are thrown as Error with a message', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  // Through the page's handle: the core runs in a worker, and its errors
  // cross over as Errors named after the core's kind.
  const results = await page.evaluate(async () => {
    const core = globalThis.articleExplorer.core;
    const attempt = async (f) => {
      try {
        await f();
        return 'no error';
      } catch (e) {
        return e instanceof Error ? `${e.name}: ${e.message}` : `not an Error: ${e}`;
      }
    };
    return {
      missing: await attempt(() => core.article('no-such-id')),
      badMode: await attempt(() => core.search('ai', { mode: 'sideways' })),
      badLimit: await attempt(() => core.search('ai', { limit: -1 })),
      unknownOption: await attempt(() => core.search('ai', { colour: 'red' })),
      badDetails: await attempt(() => core.search('ai', { details: 'no' })),
      notExported: await attempt(() => core.initSync()),
      stillWorks: (await core.search('alibaba', {})).total,
      full: (await core.search('alibaba', { limit: 3 })).hits,
      lean: (await core.search('alibaba', { limit: 3, details: false })).hits,
    };
  });
  assert.match(results.missing, /^NoArticle: .*no article with id/);
  assert.match(results.notExported, /^InvalidInput: initSync is not available/);
  assert.match(results.badMode, /options.mode/);
  assert.match(results.badLimit, /options.limit/);
  assert.match(results.unknownOption, /invalid search options/);
  assert.match(results.badDetails, /options.details must be true or false/);
  assert.equal(results.stillWorks, 5);
  // details: false ranks the same articles, without snippets or explanations.
  assert.deepEqual(results.lean.map((h) => h.id), results.full.map((h) => h.id));
  assert.ok(results.full.every((h) => h.snippet.length > 0 && h.explain.length > 0));
  assert.ok(results.lean.every((h) => h.snippet === '' && h.explain.length === 0 && h.terms.length === 0));
  await context.close();
});
