// Summary tables: the exported API (both branches), every tab with content
// for the seeds, sorting, filtering, CSV/JSON downloads that round-trip, a row
// opening its sentence in the reader, the across-sources view and the charts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { start, newPage, ready, OUT } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** Parse RFC 4180 CSV (quoted fields, doubled quotes, CRLF). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function openTables(page, tab) {
  await page.goto(`${env.url}#v=tables${tab ? `&t=${tab}` : ''}`);
  await ready(page);
  await page.waitForSelector('#tables-view:not([hidden]) table.data, #tables-view:not([hidden]) .charts');
}

async function columnTexts(page, table, n) {
  return page.locator(`${table} tbody tr td:nth-child(${n})`).allTextContents();
}

test('the API: tables, entities, figures(id?), quotes(id?), highlight with a focus; errors are thrown', async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  // The first visit's lean core has no tables; opening the view brings the full core.
  const lean = await page.evaluate(async () => {
    const core = globalThis.articleExplorer.core;
    let refused = null;
    try {
      await core.tables();
    } catch (e) {
      refused = `${e.name}: ${e.message}`;
    }
    return { info: await core.info(), refused };
  });
  assert.equal(lean.info.tables, false);
  assert.match(lean.refused, /^InvalidInput: tables is not available in this build/);
  await openTables(page, '');
  assert.equal(await page.evaluate(async () => (await globalThis.articleExplorer.core.info()).tables), true);
  const r = await page.evaluate(async () => {
    const core = globalThis.articleExplorer.core;
    const t = await core.tables();
    const id = t.articles[0].id;
    const caught = async (f) => {
      try {
        await f();
        return null;
      } catch (e) {
        return e instanceof Error ? e : new Error(`not an Error: ${e}`);
      }
    };
    const err = async (f) => (await caught(f))?.message ?? null;
    const f = t.figures.find((x) => x.kind === 'money');
    const h = await core.highlight(f.at.article, '', f.at.sentence);
    const figuresOne = await core.figures(id);
    return {
      keys: Object.keys(t).sort(),
      counts: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.length])),
      articles: (await core.articles()).length,
      entities: (await core.entities()).length,
      figuresAll: (await core.figures()).length,
      figuresOne: figuresOne.every((x) => x.article === id) && figuresOne.length,
      figuresNull: (await core.figures(null)).length,
      quotesOne: (await core.quotes(id)).every((x) => x.article === id),
      quotesAll: (await core.quotes()).length,
      marks: h.matches,
      marked: h.blocks.map((b) => b.html).join(' ').match(/<mark>(.*?)<\/mark>/)?.[1] ?? '',
      sentence: f.sentence,
      figureText: f.text,
      errors: [
        await err(() => core.figures('no-such-article')),
        await err(() => core.quotes(42)),
        await err(() => core.highlight(f.at.article, '', { segment: { in: 'block', block: 9999 }, start: 0, end: 1 })),
        await err(() => core.highlight(f.at.article, '', { ...f.at.sentence, start: 5, end: 2 })),
        await err(() => core.highlight(f.at.article, '', 'nope')),
        await err(() => core.highlight(f.at.article, '', { ...f.at.sentence, start: -1, end: 2 })),
        await err(() => core.highlight(f.at.article, '', { segment: { in: 'paragraph' }, start: 0, end: 1 })),
      ],
      errorNames: [
        (await caught(() => core.figures('no-such-article')))?.name ?? null,
        (await caught(() => core.quotes(42)))?.name ?? null,
      ],
      after: (await core.tables()).figures.length,
    };
  });
  assert.deepEqual(r.keys, ['across', 'articles', 'dates', 'entities', 'figures', 'quotes', 'rates', 'textTables']);
  assert.equal(r.counts.articles, r.articles);
  for (const k of ['entities', 'figures', 'quotes', 'dates', 'across']) assert.ok(r.counts[k] > 0, `${k} is empty`);
  assert.equal(r.entities, r.counts.entities);
  assert.equal(r.figuresAll, r.counts.figures);
  assert.equal(r.figuresNull, r.counts.figures);
  assert.ok(r.figuresOne > 0 && r.figuresOne < r.figuresAll);
  assert.ok(r.quotesOne);
  assert.equal(r.quotesAll, r.counts.quotes);
  assert.equal(r.marks, 1);
  assert.equal(r.marked.replace(/&amp;/g, '&').replace(/&#39;/g, "'").replace(/&quot;/g, '"'), r.sentence);
  assert.ok(r.sentence.includes(r.figureText));
  assert.match(r.errors[0], /no article with id "no-such-article"/);
  assert.match(r.errors[1], /id must be a string/);
  assert.match(r.errors[2], /no text block 9999/);
  assert.match(r.errors[3], /outside that text/);
  assert.match(r.errors[4], /focus must be a location/);
  assert.match(r.errors[5], /focus.start must be a whole number/);
  assert.match(r.errors[6], /focus.segment.in must be "title", "block" or "cell"/);
  assert.deepEqual(r.errorNames, ['NoArticle', 'InvalidInput']);
  assert.equal(r.after, r.counts.figures, 'errors lose nothing');
  assert.deepEqual(problems, []);
  await context.close();
});

test('every tab has content for the seeds; sorting and filtering work', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await openTables(page, '');
  const tabs = await page.locator('#table-tabs .tab').allTextContents();
  assert.equal(tabs.length, 8);
  assert.equal(await page.locator('#table-tabs .tab[aria-current="page"]').textContent(), tabs[0]);
  // Articles: one row per article; sort by words, both ways.
  assert.equal(await page.locator('[data-table="articles"] tbody tr').count(), 5);
  const words = async () => (await columnTexts(page, '[data-table="articles"]', 3)).map(Number);
  await page.locator('[data-table="articles"] th button', { hasText: 'Words' }).click();
  const desc = await words();
  assert.deepEqual(desc, [...desc].sort((a, b) => b - a));
  assert.equal(await page.locator('[data-table="articles"] th[aria-sort="descending"]').count(), 1);
  await page.locator('[data-table="articles"] th button', { hasText: 'Words' }).click();
  const asc = await words();
  assert.deepEqual(asc, [...asc].sort((a, b) => a - b));
  assert.notDeepEqual(asc, desc);
  // Names: people with roles, resolved short names.
  await page.locator('#table-tabs .tab', { hasText: 'Names' }).click();
  await page.waitForSelector('[data-table="entities"] tbody tr');
  const kinds = new Set(await columnTexts(page, '[data-table="entities"]', 2));
  assert.deepEqual([...kinds].sort(), ['organisation', 'person', 'place']);
  // Figures: filter.
  await page.locator('#table-tabs .tab', { hasText: 'Figures' }).click();
  await page.waitForSelector('[data-table="figures"] tbody tr');
  const all = await page.locator('[data-table="figures"] tbody tr').count();
  await page.locator('#figures-filter').fill('yuan');
  const filtered = await page.locator('[data-table="figures"] tbody tr').allTextContents();
  assert.ok(filtered.length > 0 && filtered.length < all, `${filtered.length} of ${all}`);
  assert.ok(filtered.every((t) => /yuan/i.test(t)));
  assert.match(await page.locator('[data-table="figures"] .table-status').textContent(), new RegExp(`^${filtered.length} of ${all} rows match`));
  await page.locator('#figures-filter').fill('');
  assert.equal(await page.locator('[data-table="figures"] tbody tr').count(), all);
  // Quotes and dates have rows; text tables render as real tables.
  for (const [tab, name] of [['Quotes', 'quotes'], ['Dates', 'dates']]) {
    await page.locator('#table-tabs .tab', { hasText: tab }).click();
    await page.waitForSelector(`[data-table="${name}"] tbody tr`); // the tab draws after its hash changes
    assert.ok(await page.locator(`[data-table="${name}"] tbody tr`).count() > 3, tab);
  }
  await page.locator('#table-tabs .tab', { hasText: 'Tables in text' }).click();
  await page.waitForSelector('.text-table table.data tbody tr');
  assert.ok(await page.locator('.text-table table.data tbody tr').count() > 0);
  await page.screenshot({ path: join(OUT, 'tables-text.png'), fullPage: false });
  assert.deepEqual(problems, []);
  await context.close();
});

test('CSV and JSON downloads hold the filtered, sorted rows and agree with each other', async () => {
  const { page, context, problems } = await newPage(env.browser, { acceptDownloads: true });
  await openTables(page, 'figures');
  await page.locator('#figures-filter').fill('billion');
  await page.locator('[data-table="figures"] th button', { hasText: 'In US$' }).click();
  const shown = await page.locator('[data-table="figures"] tbody tr').count();
  const get = async (kind) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-table="figures"] [data-export="${kind}"]`).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  };
  const csv = await get('csv');
  const json = await get('json');
  assert.equal(csv.name, 'figures.csv');
  assert.equal(json.name, 'figures.json');
  const rows = parseCsv(csv.text);
  const objects = JSON.parse(json.text);
  assert.equal(rows.length - 1, shown);
  assert.equal(objects.length, shown);
  const header = rows[0];
  assert.ok(header.includes('As written') && header.includes('Sentence'));
  const keys = Object.keys(objects[0]);
  assert.equal(keys.length, header.length);
  rows.slice(1).forEach((row, i) => {
    keys.forEach((k, c) => {
      const v = objects[i][k];
      // Text a spreadsheet could run as a formula ("+7.2%") is defused with an apostrophe.
      const want = v === null ? '' : typeof v === 'string' && /^[ "']*[=+\-@\t\r\0]/.test(v) ? `'${v}` : String(v);
      assert.equal(row[c], want, `row ${i} ${k}`);
    });
  });
  const usd = objects.map((o) => o.usd).filter((v) => v !== null);
  assert.deepEqual(usd, [...usd].sort((a, b) => b - a), 'sorted as shown');
  assert.ok(objects.every((o) => JSON.stringify(o).toLowerCase().includes('billion')), 'filtered as shown');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a row opens its article with the sentence marked; back returns to the table', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await openTables(page, 'quotes');
  const row = page.locator('[data-table="quotes"] tbody tr').nth(2);
  const quote = (await row.locator('td').nth(1).textContent()).replace(/^“|”$/g, '');
  await row.locator('td').first().click(); // not on the link: the whole row is clickable
  await page.waitForSelector('#reader:not([hidden]) mark.current');
  assert.match(page.url(), /[#&]s=\d+%3A\d+-\d+|[#&]s=\d+:\d+-\d+/);
  const marked = await page.locator('#reader-content mark.current').textContent();
  assert.ok(marked.includes(quote.slice(0, 40)), `${marked} should hold ${quote}`);
  assert.ok(await page.locator('mark.current').isVisible());
  assert.equal(await page.locator('#back').textContent(), '← Tables');
  await page.screenshot({ path: join(OUT, 'tables-row-opened.png') });
  await page.locator('#back').click();
  await page.waitForSelector('#tables-view:not([hidden]) [data-table="quotes"]');
  // Keyboard: the row's link opens it too.
  await page.locator('[data-table="quotes"] tbody tr').first().locator('a').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#reader:not([hidden]) mark.current');
  // The URL reopens the same view in a new page.
  const url = page.url();
  const fresh = await context.newPage();
  await fresh.goto(url);
  await fresh.waitForSelector('#reader:not([hidden]) mark.current');
  assert.equal(await fresh.locator('mark.current').textContent(), await page.locator('mark.current').textContent());
  assert.deepEqual(problems, []);
  await context.close();
});

test('across sources: the investment pledge from several seed articles, values side by side', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await openTables(page, 'across');
  const cards = page.locator('.fact');
  assert.ok(await cards.count() >= 1);
  const facts = await page.evaluate(async () => (await globalThis.articleExplorer.core.tables()).across);
  const pledge = facts.find((g) => g.members.some((m) => m.unit === 'CNY'));
  assert.ok(pledge, 'a fact that includes a yuan figure');
  assert.ok(pledge.sources >= 3, `reported by ${pledge.sources} articles`);
  assert.equal(pledge.agreement, 'differ');
  const usd = pledge.members.map((m) => m.usd);
  assert.ok(Math.max(...usd) / Math.min(...usd) < 1.25);
  const card = cards.filter({ hasText: 'differ' }).first();
  assert.ok(await card.locator('.fact-values li').count() >= pledge.members.length);
  assert.match(await card.textContent(), /yuan/);
  await page.screenshot({ path: join(OUT, 'tables-across.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('charts render with accessible names, and follow dark mode', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context, problems } = await newPage(env.browser, { colorScheme, viewport: { width: 1280, height: 900 } });
    await openTables(page, 'charts');
    const charts = page.locator('svg.chart');
    assert.equal(await charts.count(), 2);
    for (let i = 0; i < 2; i += 1) {
      const c = charts.nth(i);
      assert.equal(await c.getAttribute('role'), 'img');
      assert.ok((await c.locator('title').first().textContent()).length > 10);
      assert.ok((await c.locator('desc').textContent()).length > 10);
    }
    assert.ok(await charts.nth(0).locator('rect').count() >= 10);
    assert.ok(await charts.nth(1).locator('circle').count() >= 5);
    const fill = await page.evaluate(() => getComputedStyle(document.querySelector('.chart-label')).fill);
    const [r, g, b] = fill.match(/\d+/g).map(Number);
    const light = (r + g + b) / 3 > 128;
    assert.equal(light, colorScheme === 'dark', `label colour ${fill} in ${colorScheme} mode`);
    await page.screenshot({ path: join(OUT, `tables-charts-${colorScheme}.png`) });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('tables on a phone: no page overflow, and axe finds nothing in any tab', async () => {
  for (const [colorScheme, viewport] of [['light', { width: 375, height: 740 }], ['dark', { width: 1280, height: 900 }]]) {
    const { page, context } = await newPage(env.browser, { colorScheme, viewport });
    for (const tab of ['articles', 'entities', 'figures', 'quotes', 'across', 'dates', 'text', 'charts']) {
      await openTables(page, tab);
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${tab}: page wider than the screen by ${overflow}px`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${tab} (${colorScheme}, ${viewport.width}px)`);
      if (tab === 'charts') {
        // Labels stay readable: a chart keeps its size and its box scrolls sideways.
        const sizes = await page.evaluate(() => [...document.querySelectorAll('svg.chart')].map((svg) => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const label = parseFloat(getComputedStyle(svg.querySelector('.chart-label')).fontSize);
          const box = svg.closest('.chart-scroll');
          return { px: label * scale, focusable: box?.tabIndex === 0, scrolls: box.scrollWidth > box.clientWidth };
        }));
        for (const c of sizes) {
          assert.ok(c.px >= 10, `chart labels ${c.px.toFixed(1)}px high at ${viewport.width}px`);
          assert.ok(c.focusable);
          if (viewport.width === 375) assert.ok(c.scrolls, 'the chart scrolls inside its box on a phone');
        }
        if (viewport.width === 375) await page.screenshot({ path: join(OUT, 'tables-charts-phone.png') });
      }
    }
    if (viewport.width === 375) await page.screenshot({ path: join(OUT, 'tables-phone.png') });
    await context.close();
  }
});

test('no data key meets Object.prototype: a tab named __proto__, articles named constructor and __proto__', async () => {
  const { page, context, problems } = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
  await openTables(page, '__proto__');
  assert.equal(await page.locator('#table-tabs [aria-current="page"]').textContent().then((t) => t.trim().split(' ')[0]), 'Articles');
  const story = (title) => Buffer.from(`${title}\n\nJane Smith, the minister, said the talks would go on. Smith said it twice.`);
  await page.locator('#file-input').setInputFiles([
    { name: 'constructor.txt', mimeType: 'text/plain', buffer: story('Talks Resume') },
    { name: '__proto__.txt', mimeType: 'text/plain', buffer: story('Talks Go On') },
  ]);
  await page.waitForFunction(() => /added/.test(document.querySelector('#import-log')?.lastElementChild?.textContent ?? ''));
  const jane = await page.evaluate(async () => (await globalThis.articleExplorer.core.tables()).entities.find((e) => e.name === 'Jane Smith'));
  assert.ok(Array.isArray(jane.perArticle), 'pairs, not an object keyed by id');
  assert.deepEqual(jane.perArticle.map(([id]) => id).sort(), ['__proto__', 'constructor']);
  assert.ok(jane.perArticle.every(([, n]) => n >= 1));
  await openTables(page, 'entities');
  const row = page.locator('#tables-view table.data tbody tr', { hasText: 'Jane Smith' }).first();
  const cells = await row.locator('td').allTextContents();
  assert.ok(!cells.some((c) => /function|\[object/.test(c)), `cells: ${cells.join(' | ')}`);
  assert.equal(cells.filter((c) => /^[1-9]\d*$/.test(c.trim())).length >= 3, true, `counts for both new articles and the total: ${cells.join(' | ')}`);
  assert.deepEqual(problems, []);
  await context.close();
});
