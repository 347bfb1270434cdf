// Hostile input, zero damage: CSP, hostile arguments to every export,
// recovery from a wasm trap, naughty strings as queries, XSS payloads as
// article files (text, title and file name), and an axe audit of every view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { start, newPage, ready, xssPayloads, ROOT, DIST } from './helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const violationsInit = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
};

test('strict CSP on the served site and the single file; nothing violates it in normal use', async () => {
  for (const url of [env.url, pathToFileURL(join(DIST, 'explorer.html')).href]) {
    const { page, context, problems } = await newPage(env.browser);
    await page.addInitScript(violationsInit);
    await page.goto(url);
    await ready(page);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(!/unsafe-inline|unsafe-eval'/.test(policy.replace("'wasm-unsafe-eval'", '')), policy);
    assert.match(policy, /'wasm-unsafe-eval'/);
    // Normal use: search, open, navigate matches, add an HTML file (loads the HTML core on the served site).
    await page.locator('#q').fill('alibaba');
    await page.waitForFunction(() => document.querySelector('#results').dataset.shown === 'alibaba');
    await page.locator('#results .result-link').first().click();
    await page.waitForSelector('mark.current');
    await page.keyboard.press('n');
    await page.locator('#file-input').setInputFiles([{ name: 'csp.html', mimeType: 'text/html', buffer: Buffer.from('<p>Policy test page about gliders.</p>') }]);
    await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent));
    assert.deepEqual(await page.evaluate(() => window.__csp), [], `violations at ${url}`);
    // The policy holds: an injected inline script is refused and reported.
    const blocked = await page.evaluate(async () => {
      window.__ran = false;
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return { ran: window.__ran, violations: window.__csp.filter((v) => v.startsWith('script-src')).length };
    });
    assert.deepEqual(blocked, { ran: false, violations: 1 });
    assert.deepEqual(problems.filter((p) => !/Content Security Policy|Refused to/.test(p)), []);
    await context.close();
  }
});

test('every export, called with hostile arguments, returns or throws an Error; the module keeps working', async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(env.url);
  await ready(page);
  // The page's first module (search and read) and the full one (adding
  // articles, HTML, tables), each with its own instance, called directly
  // (the page's own core runs in a worker, where symbols and functions
  // cannot be sent).
  const report = await page.evaluate(async () => {
    const lean = await import(new URL('./pkg/article_explorer.js', location.href).href);
    await lean.default({ module_or_path: new URL('./pkg/article_explorer_bg.wasm', location.href) });
    const full = await import(new URL('./pkg-full/article_explorer.js', location.href).href);
    await full.default({ module_or_path: new URL('./pkg-full/article_explorer_bg.wasm', location.href) });
    const values = [undefined, null, 0, -1, 1.5, NaN, Infinity, '', ' ', '\u0000', 'x'.repeat(100000), {}, [], [1, 2], { limit: -5 }, { limit: 'ten' }, { mode: 7 }, { prefix: 'yes' }, true, Symbol('s'), () => 1, new Uint8Array(3), [{ name: 1, bytes: 2 }], [{ name: 'a.txt', bytes: 'not bytes' }], [{ name: 'a.txt', bytes: new Uint8Array([0, 0, 0]) }]];
    const callsOn = (core) => ({
      search: (a, b) => core.search(a, b),
      suggest: (a, b) => core.suggest(a, b),
      article: (a) => core.article(a),
      articles: () => core.articles(),
      highlight: (a, b) => core.highlight(a, b),
      info: () => core.info(),
      textNeeded: (a) => core.textNeeded(a),
      loadText: (a, b) => core.loadText(a, b),
      ...(core.info().add ? { addFiles: (a) => core.addFiles(a), removeArticle: (a) => core.removeArticle(a) } : {}),
      ...(core.info().tables ? { figures: (a) => core.figures(a), quotes: (a) => core.quotes(a) } : {}),
    });
    let tried = 0;
    const bad = [];
    for (const core of [lean, full]) {
      for (const [name, fn] of Object.entries(callsOn(core))) {
        for (const a of values) {
          for (const b of [undefined, values[14], 'q']) {
            tried += 1;
            try {
              const r = fn(a, b);
              if (r === undefined && !['removeArticle'].includes(name)) bad.push(`${name} returned undefined`);
            } catch (e) {
              if (!(e instanceof Error) || !e.message) bad.push(`${name} threw ${String(e)}`);
              if (e instanceof WebAssembly.RuntimeError) bad.push(`${name} trapped: ${e.message}`);
            }
          }
        }
      }
    }
    const adds = (core) => [core.info().add, typeof core.addFiles, typeof core.removeArticle];
    return { tried, bad: [...new Set(bad)], after: [lean.search('alibaba').total, full.search('alibaba').total], adds: [adds(lean), adds(full)] };
  });
  console.log(`# hostile export calls: ${report.tried}`);
  assert.deepEqual(report.bad, []);
  assert.deepEqual(report.after, [5, 5]);
  // Only the full module adds and removes articles.
  assert.deepEqual(report.adds, [[false, 'undefined', 'undefined'], [true, 'function', 'function']]);
  await context.close();
});

/**
 * Prepended to the core's worker script (./worker.js) by the trap test:
 * every wasm instance the worker creates gets its exports wrapped, so that
 * after `self.__trap.arm()` the next call of an export throws the
 * RuntimeError a trap (such as `unreachable`) throws. Nothing of it ships.
 */
function trapInit() {
  const trap = { armed: 0, instances: 0, arm() { trap.armed += 1; } };
  self.__trap = trap;
  const wrap = (instance) => {
    trap.instances += 1;
    const exports = {};
    for (const [name, value] of Object.entries(instance.exports)) {
      exports[name] = typeof value !== 'function' || name.startsWith('__') ? value : (...args) => {
        if (trap.armed > 0) {
          trap.armed -= 1;
          throw new WebAssembly.RuntimeError('unreachable');
        }
        return value(...args);
      };
    }
    // Still an Instance to the glue (instanceof), with the wrapped exports.
    return Object.create(WebAssembly.Instance.prototype, { exports: { value: Object.freeze(exports) } });
  };
  const { instantiate, instantiateStreaming } = WebAssembly;
  WebAssembly.instantiateStreaming = async (...args) => {
    const { instance, module } = await instantiateStreaming(...args);
    return { instance: wrap(instance), module };
  };
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate(...args);
    if (result instanceof WebAssembly.Instance) return wrap(result);
    return { instance: wrap(result.instance), module: result.module };
  };
}

test('a wasm trap in the worker starts a fresh core and keeps the added articles', async () => {
  const { page, context } = await newPage(env.browser, { serviceWorkers: 'block' });
  await page.route('**/worker.js', async (route) => {
    const res = await route.fetch();
    route.fulfill({ response: res, body: `(${trapInit})();\n${await res.text()}` });
  });
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto(env.url);
  await ready(page);
  await page.locator('#file-input').setInputFiles([{ name: 'kept.txt', mimeType: 'text/plain', buffer: Buffer.from('Kept Article\n\nThis article about balloons must survive a restart.') }]);
  await page.waitForFunction(() => /1 article added/.test(document.querySelector('#import-log').textContent));
  // Even a plain-text file brings the full core: the first module cannot add.
  assert.equal(await page.evaluate(() => window.articleExplorer.info.add), true);
  await page.evaluate(() => { window.__before = window.articleExplorer.core; });
  assert.equal(workers.length, 2, 'the lean core, then the full one, each in its own worker');
  const full = workers[1];
  assert.equal(await full.evaluate(() => self.__trap.instances), 1);
  // The next call into the core traps (typing asks it for completions).
  await page.evaluate(() => {
    // Every text the status line shows, even one replaced in the same task
    // (each record keeps the text node that was added).
    window.__said = [];
    const status = document.querySelector('#status');
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) window.__said.push(n.textContent);
    }).observe(status, { childList: true });
  });
  await full.evaluate(() => self.__trap.arm());
  await page.locator('#q').fill('balloons');
  await page.waitForFunction(() => /restarted after an internal error/.test(document.querySelector('#status').textContent), null, { timeout: 10000 });
  // The user is told at once, and again when the fresh core is in place.
  const said = await page.evaluate(() => window.__said);
  assert.equal(said[0], 'The search engine hit an internal error and is restarting…');
  assert.match(said.at(-1), /^1 article matches\. \(The search engine was restarted after an internal error\.\)$/);
  // A fresh worker with the full build, not the trapped one.
  assert.equal(workers.length, 3);
  assert.equal(await workers[2].evaluate(() => self.__trap.armed), 0);
  assert.equal(await page.evaluate(() => window.articleExplorer.core !== window.__before), true);
  assert.equal(await page.evaluate(() => window.articleExplorer.info.add), true);
  // The user's article is in it.
  await page.locator('#q').fill('balloon');
  await page.waitForFunction(() => document.querySelectorAll('#results .result-link').length === 1);
  assert.equal(await page.locator('#results .result-link').first().getAttribute('data-id'), 'kept');
  await context.close();
});

test('naughty strings as queries: no error, the page keeps working', async () => {
  const blns = JSON.parse(readFileSync(join(ROOT, '..', 'shared', 'data', 'blns', 'blns.from-txt.json'), 'utf8'));
  const { page, context, problems } = await newPage(env.browser);
  await page.addInitScript(() => { window.__fired = []; window.alert = (m) => window.__fired.push(m); });
  await page.goto(env.url);
  await ready(page);
  const errors = await page.evaluate(async (strings) => {
    const out = [];
    for (const q of strings) {
      const params = new URLSearchParams({ q, a: '002_14415d133ce09bb5' });
      location.hash = `#${params}`;
      // Calls run in order in the core's worker: two round trips later the
      // list and the reader (textNeeded, then highlight) have their answers.
      await globalThis.articleExplorer.core.info();
      await globalThis.articleExplorer.core.info();
      await new Promise((r) => setTimeout(r, 0));
      const status = document.querySelector('#status').textContent;
      if (/Error|restart/.test(status)) out.push(`${JSON.stringify(q)} → ${status}`);
    }
    return out;
  }, blns);
  console.log(`# naughty strings tried as queries in the page: ${blns.length}`);
  assert.deepEqual(errors, []);
  assert.deepEqual(await page.evaluate(() => window.__fired), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('XSS payloads as article text, titles and file names through the in-page import', async () => {
  const suites = xssPayloads();
  const payloads = Object.values(suites).flat();
  const { page, context } = await newPage(env.browser);
  await page.addInitScript(() => {
    window.__fired = [];
    for (const n of ['alert', 'confirm', 'prompt']) window[n] = (...a) => window.__fired.push(`${n}(${a.join(',')})`);
  });
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith(env.url)) requests.push(r.url()); });
  await page.goto(env.url);
  await ready(page);
  // As many as may be added: text + title files and payload-named files.
  const files = payloads.slice(0, 1000).map((p, i) => ({
    name: `${p.replace(/[\\/\0]/g, '_').slice(0, 120)}-${i}.${i % 3 === 0 ? 'html' : 'txt'}`,
    mimeType: 'text/plain',
    buffer: Buffer.from(i % 3 === 0 ? `<article><h1>${p}</h1><p>${p} payload ${i}</p></article>` : `${p}\n\n${p} payload ${i}\n`),
  }));
  await page.locator('#file-input').setInputFiles(files);
  await page.waitForFunction(() => /articles? added/.test(document.querySelector('#import-log').lastElementChild?.textContent ?? ''), null, { timeout: 120000 });
  const problems = await page.evaluate(async () => {
    const ALLOWED = new Set(['P', 'H3', 'UL', 'LI', 'DIV', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'MARK']);
    const out = [];
    const check = (label) => {
      for (const el of document.querySelectorAll('#reader-body *, #reader-title *')) {
        if (!ALLOWED.has(el.tagName)) out.push(`${el.tagName} in reader (${label})`);
      }
      for (const el of document.querySelectorAll('#results *')) {
        for (const attr of el.attributes) if (attr.name.startsWith('on') || attr.name === 'src' || attr.name === 'style') out.push(`${attr.name} in list (${label})`);
      }
      if (document.querySelector('main img, main svg, main iframe, main script, main object')) out.push(`foreign element (${label})`);
    };
    const core = globalThis.articleExplorer.core;
    // Calls run in order in the core's worker: two round trips later the
    // list and the reader (textNeeded, then the highlight) have their answers.
    const settle = async () => {
      await core.info();
      await core.info();
      await new Promise((r) => setTimeout(r, 0));
    };
    location.hash = '#';
    await settle();
    check('list');
    // The list draws a page at a time: open every added article by its id.
    const ids = (await core.articles()).filter((a) => a.added).map((a) => a.id);
    for (const id of ids) {
      location.hash = `#${new URLSearchParams({ q: 'payload alert', a: id })}`;
      await settle();
      check(id);
    }
    return { out, opened: ids.length };
  });
  console.log(`# XSS payloads tried as added articles (text, title, file name): ${files.length}, opened ${problems.opened}`);
  assert.ok(problems.opened > 500);
  assert.deepEqual(problems.out.slice(0, 5), []);
  assert.deepEqual(await page.evaluate(() => window.__fired), []);
  assert.deepEqual(requests, []);
  await context.close();
});

test('axe: no accessibility violations in any view, light and dark, desktop and phone', async () => {
  const views = [
    ['list', ''],
    ['results', '#q=alibaba'],
    ['partial results and suggestion', '#q=Morningstar%20Casanova'],
    ['reader with matches', '#q=xi&a=002_14415d133ce09bb5&m=2'],
    ['reader with table', '#q=smic&a=001_d84368878cbb760e'],
    ['no results with suggestion', '#q=semiconduktorzz'],
  ];
  for (const colorScheme of ['light', 'dark']) {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 740 }]) {
      const { page, context } = await newPage(env.browser, { colorScheme, viewport });
      for (const [name, hash] of views) {
        await page.goto(`${env.url}${hash}`);
        await ready(page);
        const { violations } = await new AxeBuilder({ page }).analyze();
        assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `${name} (${colorScheme}, ${viewport.width}px)`);
      }
      await context.close();
    }
  }
});
