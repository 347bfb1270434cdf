// Shared setup for the browser tests: Debian's Chromium through
// playwright-core, dist/ served from a sub-path on 127.0.0.1.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../tools/serve.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, '..', '..');
export const DIST = join(ROOT, 'dist');
export const OUT = join(here, 'out');

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launch Chromium and serve dist/ under /sub/path/ (proves relative URLs). */
export async function start(dist = DIST) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} is missing: run ./build.sh build first`);
  mkdirSync(OUT, { recursive: true });
  const { server, url, setRoot } = await serve(dist, 0, '/sub/path/');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    setRoot,
    async stop() {
      await browser.close();
      await new Promise((ok) => server.close(ok));
    },
  };
}

/** A new page that records console errors, page errors and failed requests. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { page, context, problems };
}

/**
 * Poll `fn(arg)` in the page until it is true (Playwright's waitForFunction
 * takes the Promise an async function returns for a true value, so it
 * cannot wait on one); fails with `what` after `timeout` ms.
 */
export async function until(page, fn, arg, what, timeout = 20000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(fn, arg))) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The service worker's caches of builds (its list of which page has which build left out). */
export async function buildCaches(page) {
  return (await page.evaluate(() => caches.keys())).filter((k) => k !== 'article-explorer-clients').sort();
}

/** Wait until the app says it is ready. */
export async function ready(page) {
  await page.waitForSelector('html[data-ready="true"]', { timeout: 15000 });
}

/** Read the XSS payloads from ../shared/data/xss-payloads: { source: [payload, …] }. */
export function xssPayloads() {
  const dir = join(ROOT, '..', 'shared', 'data', 'xss-payloads');
  if (!existsSync(dir)) throw new Error(`XSS payloads not found at ${dir} (../shared/data must sit beside the repo)`);
  const out = {};
  const dompurify = JSON.parse(readFileSync(join(dir, 'dompurify', 'expect.json'), 'utf8'));
  out.dompurify = dompurify.map((c) => c.payload).filter((p) => typeof p === 'string' && p.length);
  const patt = join(dir, 'payloadsallthethings');
  for (const f of readdirSync(patt).filter((f) => f.endsWith('.txt')).sort()) {
    out[f] = readFileSync(join(patt, f), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  }
  return out;
}
