// Every XSS payload as a query: nothing executes, and the only elements the
// page creates from text are our own structure and <mark>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, newPage, ready, xssPayloads } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

test('XSS payloads used as queries never execute or inject elements', async () => {
  const suites = xssPayloads();
  const { page, context } = await newPage(env.browser);
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith(env.url)) requests.push(r.url()); });
  page.on('dialog', (d) => { requests.push(`dialog: ${d.message()}`); d.dismiss(); });
  await page.addInitScript(() => {
    window.__fired = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) window[name] = (...a) => window.__fired.push(`${name}(${a.join(',')})`);
    window.__xss = () => window.__fired.push('canary');
  });
  await page.goto(env.url);
  await ready(page);
  const counts = {};
  for (const [source, payloads] of Object.entries(suites)) {
    const bad = await page.evaluate(async ({ payloads, article }) => {
      const ALLOWED = new Set(['P', 'H3', 'UL', 'LI', 'DIV', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'MARK']);
      const RESULTS_ALLOWED = new Set(['LI', 'H3', 'A', 'P', 'MARK', 'DETAILS', 'SUMMARY', 'UL']);
      const problems = [];
      for (const q of payloads) {
        for (const a of ['', article]) {
          const params = new URLSearchParams({ q });
          if (a) params.set('a', a);
          location.hash = `#${params}`;
          // Calls run in order in the core's worker: two round trips later the
          // list and the reader (textNeeded, then the highlight) are drawn.
          await globalThis.articleExplorer.core.info();
          await globalThis.articleExplorer.core.info();
          await new Promise((r) => setTimeout(r, 0));
          for (const el of document.querySelectorAll('#reader-body *, #reader-title *')) {
            if (!ALLOWED.has(el.tagName)) problems.push(`${el.tagName} from ${q}`);
            if (el.tagName === 'MARK' && [...el.attributes].some((x) => x.name !== 'class')) problems.push(`mark attribute from ${q}`);
          }
          for (const el of document.querySelectorAll('#results *, #suggestion *')) {
            if (!RESULTS_ALLOWED.has(el.tagName)) problems.push(`${el.tagName} in results from ${q}`);
            for (const attr of el.attributes) if (attr.name.startsWith('on')) problems.push(`${attr.name} from ${q}`);
          }
          // (#boot: the page's own inline script, in <head>, that starts the core's worker.)
          if (document.querySelector('script:not([type=module]):not(#boot), iframe, img, svg, object, embed')) problems.push(`foreign element from ${q}`);
          if (document.querySelectorAll('script#boot').length !== 1 || document.querySelector('script#boot').parentElement !== document.head) problems.push(`a second boot script from ${q}`);
        }
      }
      return problems;
    }, { payloads, article: '001_d84368878cbb760e' });
    counts[source] = payloads.length;
    assert.deepEqual(bad.slice(0, 5), [], `${source}: ${bad.length} problems`);
  }
  await new Promise((r) => setTimeout(r, 200));
  assert.deepEqual(await page.evaluate(() => window.__fired), []);
  assert.deepEqual(requests, []);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(`# XSS payloads tried as queries: ${total} (${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')})`);
  assert.ok(total > 1500);
  await context.close();
});
