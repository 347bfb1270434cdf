// The reader: every match highlighted, n/N navigation, density strip, URL
// state, back/forward, keyboard flow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, newPage, ready, OUT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const ARTICLE = '002_14415d133ce09bb5';

async function currentMark(page) {
  return page.evaluate(() => {
    const marks = [...document.querySelectorAll('#reader-content mark')];
    return { index: marks.findIndex((m) => m.classList.contains('current')) + 1, count: marks.length };
  });
}

test('opening a result lands on the first match; n walks every match and wraps', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.url}#q=xi`);
  await ready(page);
  await page.locator(`#results .result-link[data-id="${ARTICLE}"]`).click();
  await page.waitForSelector('#reader:not([hidden]) mark.current');
  const first = await currentMark(page);
  assert.equal(first.index, 1);
  assert.ok(first.count >= 10, `expected many matches of "xi", got ${first.count}`);
  assert.match(await page.locator('#match-count').textContent(), new RegExp(`^1 of ${first.count}$`));
  assert.match(page.url(), /m=1$/);
  // The current match is on screen.
  assert.ok(await page.locator('mark.current').isVisible());
  const inView = await page.evaluate(() => {
    const r = document.querySelector('mark.current').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'current match scrolled into view');
  for (let i = 2; i <= first.count; i += 1) {
    await page.keyboard.press('n');
    assert.equal((await currentMark(page)).index, i);
  }
  await page.keyboard.press('n');
  assert.equal((await currentMark(page)).index, 1, 'wraps to the first');
  await page.keyboard.press('Shift+N');
  assert.equal((await currentMark(page)).index, first.count, 'N goes back');
  assert.match(page.url(), new RegExp(`m=${first.count}$`));
  // Buttons do the same.
  await page.locator('#next-match').click();
  assert.equal((await currentMark(page)).index, 1);
  // Density strip: one tick per match; clicking one jumps there.
  assert.equal(await page.locator('#density .tick').count(), first.count);
  await page.locator('#density .tick').nth(3).click();
  assert.equal((await currentMark(page)).index, 4);
  await page.screenshot({ path: join(OUT, 'reader-highlighted.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a copied URL reopens exactly that view in a new tab', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(`${env.url}#q=ma&a=${ARTICLE}&m=3`);
  await ready(page);
  await page.waitForSelector('mark.current');
  const state = await currentMark(page);
  assert.equal(state.index, 3);
  assert.ok(state.count > 3);
  assert.equal(await page.locator('#q').inputValue(), 'ma');
  assert.match(await page.locator('#match-count').textContent(), new RegExp(`^3 of ${state.count}$`));
  // A phrase is one mark spanning both words.
  await page.goto(`${env.url}#q=${encodeURIComponent('"jack ma"')}&a=004_6fbf10b742a03655`);
  await page.waitForFunction(() => document.querySelector('#q').value === '"jack ma"');
  await page.waitForSelector('mark.current');
  assert.deepEqual(await page.locator('#reader-content mark').allTextContents(), ['Jack Ma']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('back and forward move between searches and articles', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(`${env.url}#q=semiconductor`);
  await ready(page);
  await page.locator('#results .result-link').first().click();
  await page.waitForSelector('#reader:not([hidden])');
  const articleUrl = page.url();
  await page.goBack();
  await page.waitForSelector('#reader[hidden]', { state: 'attached' });
  assert.match(page.url(), /#q=semiconductor$/);
  await page.goForward();
  await page.waitForSelector('#reader:not([hidden])');
  assert.equal(page.url().replace(/&m=\d+$/, ''), articleUrl.replace(/&m=\d+$/, ''));
  // Typing a new query while reading is a step back can undo.
  await page.locator('#q').fill('deepseek');
  await page.waitForSelector('#reader[hidden]', { state: 'attached' });
  await page.goBack();
  await page.waitForSelector('#reader:not([hidden])');
  assert.equal(await page.locator('#q').inputValue(), 'semiconductor');
  assert.deepEqual(problems, []);
  await context.close();
});

test('keyboard: / focuses search, arrows move, Enter opens, Esc returns', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'q');
  await page.keyboard.type('alibaba');
  await page.waitForFunction(() => document.querySelector('#status').textContent.includes('match'));
  await page.keyboard.press('ArrowDown');
  const firstId = await page.evaluate(() => document.activeElement.dataset.id);
  assert.ok(firstId);
  await page.keyboard.press('ArrowDown');
  const secondId = await page.evaluate(() => document.activeElement.dataset.id);
  assert.notEqual(secondId, firstId);
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), firstId);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader:not([hidden])');
  assert.match(page.url(), new RegExp(`a=${firstId}`));
  await page.keyboard.press('n');
  assert.equal((await currentMark(page)).index, 2);
  await page.keyboard.press('Escape');
  await page.waitForSelector('#reader[hidden]', { state: 'attached' });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.id), firstId, 'focus returns to the result');
  // Every control has an accessible name.
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input, a')]
    .filter((el) => !el.closest('[hidden]') && !(el.getAttribute('aria-label') || el.textContent.trim() || el.labels?.length))
    .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the page answers every query form', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  const run = async (q) => {
    await page.evaluate((q) => { location.hash = `#q=${encodeURIComponent(q)}`; }, q);
    await page.waitForFunction((q) => document.querySelector('#q').value === q && document.querySelector('#results').dataset.shown === q, q);
    return page.evaluate(() => ({
      status: document.querySelector('#status').textContent,
      ids: [...document.querySelectorAll('#results li:not(.partial) .result-link')].map((a) => a.dataset.id),
      partial: document.querySelectorAll('#results li.partial').length,
      suggestion: document.querySelector('#suggestion').hidden ? null : document.querySelector('#suggestion').textContent,
    }));
  };
  assert.equal((await run('"jack ma"')).ids.length, 3);
  assert.ok(!(await run('alibaba -deepseek')).ids.includes('004_6fbf10b742a03655'));
  assert.deepEqual((await run('Morningstar OR Casanova')).ids.sort(), ['001_d84368878cbb760e', '002_14415d133ce09bb5']);
  assert.equal((await run('Morning*')).ids.length, 1);
  assert.equal((await run('Morningstra')).ids[0], '001_d84368878cbb760e');
  assert.equal((await run('title:reignites')).ids.length, 1);
  assert.ok((await run('investing')).ids.length >= 4);
  assert.equal((await run("Alibaba's")).ids.length, (await run('Alibaba’s')).ids.length);
  const partial = await run('Morningstar Casanova');
  assert.equal(partial.ids.length, 0);
  assert.equal(partial.partial, 2);
  assert.match(partial.status, /partial/);
  assert.match((await run('semiconduktorzz')).suggestion ?? '', /semiconductor/);
  for (const q of ['"unbalanced', 'OR', '-', '🙂', 'x'.repeat(10000)]) {
    const r = await run(q);
    assert.ok(!/Error/.test(r.status), `${q.slice(0, 20)}: ${r.status}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a result found while typing opens with the typed prefix marked, as the list marked it', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await page.goto(env.url);
  await ready(page);
  await page.locator('#q').fill('stargat');
  await page.waitForFunction(() => document.querySelector('#results').dataset.shown === 'stargat');
  const link = page.locator('#results .result-link').first();
  assert.match(await page.locator('#results').innerHTML(), /<mark>Stargate<\/mark>/i, 'the list marks the prefix');
  await link.click();
  await page.waitForSelector('#reader:not([hidden]) mark.current');
  const marks = await page.locator('#reader-content mark').allTextContents();
  assert.ok(marks.length > 0 && marks.every((m) => /^stargate/i.test(m)), `marks: ${marks}`);
  assert.doesNotMatch(await page.locator('#match-count').textContent(), /No matches/);
  assert.deepEqual(problems, []);
  await context.close();
});
