// Corrections of the Names table: merge, hide, retype, a refused merge with
// itself, undo, a reload that keeps them, export and import of them, and
// axe on the new controls at 1280 and 375 px.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { start, newPage, ready, OUT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

async function openNames(page) {
  await page.goto(`${env.url}#v=tables&t=entities`);
  await ready(page);
  await page.waitForSelector('#tables-view:not([hidden]) #fix-entity');
}

/** The Names rows as the core gives them now: [{ name, kind, aliases }]. */
function entities(page) {
  return page.evaluate(async () => (await globalThis.articleExplorer.core.tables()).entities.map((e) => ({ name: e.name, kind: e.kind, aliases: e.aliases })));
}

async function correct(page, { name, action, to, target, kind }) {
  await page.fill('#fix-entity', name);
  await page.selectOption('#fix-action', action);
  if (to !== undefined) await page.fill('#fix-to', to);
  if (target !== undefined) await page.fill('#fix-target', target);
  if (kind !== undefined) await page.selectOption('#fix-kind', kind);
  await page.locator('.fix-form button[type="submit"]').click();
}

const label = (e) => `${e.name} (${e.kind})`;

test('merge, hide, retype, undo; refused input changes nothing; corrections survive a reload and an export/import', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await openNames(page);
  const before = await entities(page);
  const orgs = before.filter((e) => e.kind === 'organisation');
  const people = before.filter((e) => e.kind === 'person');
  assert.ok(orgs.length >= 3 && people.length >= 1, `seed names: ${before.length}`);
  const [keep, gone, retyped] = orgs;
  const hidden = people[0];
  const peopleIn = () => page.evaluate(async () => (await globalThis.articleExplorer.core.tables()).articles.reduce((n, a) => n + a.people, 0));
  const peopleBefore = await peopleIn();

  // Merge one organisation into another.
  await correct(page, { name: label(gone), action: 'merge', target: label(keep) });
  await page.waitForSelector('.fix-list li');
  let now = await entities(page);
  assert.ok(!now.some((e) => e.name === gone.name && e.kind === 'organisation'), 'the merged row is gone');
  const kept = now.find((e) => e.name === keep.name && e.kind === 'organisation');
  assert.ok(kept.aliases.includes(gone.name), `aliases of ${keep.name}: ${kept.aliases}`);
  assert.ok(!(await page.locator('table.data tbody').textContent()).includes(gone.name) || kept.aliases.length > 0);

  // A merge of a row with itself is refused with a clear message, and nothing changes.
  await correct(page, { name: label(keep), action: 'merge', target: label(keep) });
  await page.waitForFunction(() => /itself/.test(document.querySelector('.fixes .status')?.textContent ?? ''));
  assert.equal(await page.locator('.fix-list li').count(), 1);

  // A name that is not in the table is refused too.
  await correct(page, { name: 'Nobody At All (person)', action: 'hide' });
  await page.waitForFunction(() => /not one/.test(document.querySelector('.fixes .status')?.textContent ?? ''));
  assert.equal(await page.locator('.fix-list li').count(), 1);

  // Hide a person; retype an organisation as a place.
  await correct(page, { name: label(hidden), action: 'hide' });
  await page.waitForFunction(() => document.querySelectorAll('.fix-list li').length === 2);
  await correct(page, { name: label(retyped), action: 'retype', kind: 'place' });
  await page.waitForFunction(() => document.querySelectorAll('.fix-list li').length === 3);
  now = await entities(page);
  assert.ok(!now.some((e) => e.name === hidden.name && e.kind === 'person'), 'the hidden row is gone');
  assert.ok(now.some((e) => e.name === retyped.name && e.kind === 'place'), 'the retyped row is a place');
  // The other tables follow: the hidden person is counted in no article row.
  assert.ok(await peopleIn() < peopleBefore, 'the articles table counts fewer people');

  // Undo the retype, one by one.
  await page.locator('.fix-list li').nth(2).locator('button.undo').click();
  await page.waitForFunction(() => document.querySelectorAll('.fix-list li').length === 2);
  now = await entities(page);
  assert.ok(now.some((e) => e.name === retyped.name && e.kind === 'organisation'), 'undo brings the kind back');

  // A reload keeps the two corrections, applied.
  await page.reload();
  await ready(page);
  await page.waitForSelector('.fix-list li');
  assert.equal(await page.locator('.fix-list li').count(), 2);
  now = await entities(page);
  assert.ok(!now.some((e) => e.name === hidden.name && e.kind === 'person'));
  assert.ok(!now.some((e) => e.name === gone.name && e.kind === 'organisation'));
  await page.screenshot({ path: join(OUT, 'corrections.png') });

  // Export carries them; undo both; import brings them back.
  await page.goto(`${env.url}#`);
  await ready(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export').click()]);
  const file = join(OUT, 'corrections-export.json');
  await download.saveAs(file);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.corrections.length, 2);
  await openNames(page);
  await page.locator('.fix-list li').first().locator('button.undo').click();
  await page.waitForFunction(() => document.querySelectorAll('.fix-list li').length === 1);
  await page.locator('.fix-list li').first().locator('button.undo').click();
  await page.waitForFunction(() => !document.querySelector('.fix-list'));
  assert.ok((await entities(page)).some((e) => e.name === hidden.name && e.kind === 'person'), 'undo shows the row again');
  await page.goto(`${env.url}#`);
  await ready(page);
  await page.locator('#import-input').setInputFiles(file);
  await page.waitForFunction(() => /Imported 2 corrections/.test(document.querySelector('#import-log')?.textContent ?? ''));
  await openNames(page);
  await page.waitForSelector('.fix-list li');
  assert.equal(await page.locator('.fix-list li').count(), 2);
  assert.ok(!(await entities(page)).some((e) => e.name === hidden.name && e.kind === 'person'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the corrections controls pass axe at 1280 and 375 px, light and dark, with no sideways scroll', async () => {
  for (const [colorScheme, viewport] of [['light', { width: 375, height: 740 }], ['dark', { width: 1280, height: 900 }]]) {
    const { page, context } = await newPage(env.browser, { colorScheme, viewport });
    await openNames(page);
    const orgs = (await entities(page)).filter((e) => e.kind === 'organisation');
    await correct(page, { name: label(orgs[0]), action: 'hide' });
    await page.waitForSelector('.fix-list li');
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page wider than the screen by ${overflow}px`);
    const { violations } = await new AxeBuilder({ page }).include('.fixes').analyze();
    assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${colorScheme}, ${viewport.width}px`);
    // Keyboard: the form's controls are reachable with Tab.
    await page.focus('#fix-entity');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'fix-action');
    await page.screenshot({ path: join(OUT, `corrections-${viewport.width}-${colorScheme}.png`), fullPage: false });
    await context.close();
  }
});
