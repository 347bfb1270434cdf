// Where the seed page's first result spends its time: median of five cold
// loads of dist/ (run ./build.sh build first): HTML received, app.js
// received, wasm received, core ready (wasm compiled and instantiated),
// first result on screen, and one search call. `node bench/profile.mjs [DIST]`.
import { chromium } from 'playwright-core';
import { serve } from '../tools/serve.mjs';
const { server, url } = await serve(process.argv[2] ?? 'dist', 0, '/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const rows = [];
for (let i = 0; i < 5; i++) {
  const ctx = await browser.newContext(); const page = await ctx.newPage();
  await page.goto(url + '#q=alibaba'); await page.waitForSelector('html[data-ready="true"]');
  rows.push(await page.evaluate(async () => {
    const n = performance.getEntriesByType('navigation')[0];
    const r = (s) => performance.getEntriesByType('resource').find((e) => e.name.includes(s));
    // The wasm is fetched by the core's worker: its own resource timing, in the page's clock.
    const fromWorker = (await globalThis.articleExplorer.core.resources()).map((e) => ({ ...e, responseEnd: e.responseEnd - performance.timeOrigin }));
    const wasm = fromWorker.find((e) => e.name.includes('article_explorer_bg.wasm')); const app = r('app.js');
    const m = (k) => performance.getEntriesByName(k)[0]?.startTime;
    const t0 = performance.now();
    await globalThis.articleExplorer.core.search('alibaba', { limit: 20, prefix: true });
    const q = performance.now() - t0; // through the worker
    return { html: n.responseEnd, dcl: n.domContentLoadedEventEnd, appJs: app?.responseEnd, wasmFetched: wasm?.responseEnd, coreReady: m('core-ready'), decoded: m('corpus-decoded'), restored: m('library-restored'), first: m('first-result'), query: q };
  }));
  await ctx.close();
}
await browser.close(); server.close();
const med = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[2];
console.log(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, Math.round(med(k) * 10) / 10])));
