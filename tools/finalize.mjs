// After build.sh has copied www/ and pkg/ into dist/:
//  1. stamps a build id (hash of the site) into index.html, host.js and sw.js,
//     and gives the service worker its precache list;
//  2. writes dist/explorer.html: one self-contained file that works from
//     file://: styles, the page's modules bundled by esbuild (with
//     www/host-inline.js as the host), the core's worker script (the
//     no-modules wasm-bindgen glue, then www/worker.js bundled with
//     www/core-inline.js as the loader) and the wasm as base64.
// Usage: node tools/finalize.mjs DIST NOMODULES_PKG_DIR
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { staticGraph } from './graph.mjs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';

const [dist = 'dist', nomodules = 'target/pkg-nomodules'] = process.argv.slice(2);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const files = walk(dist).map((p) => relative(dist, p).split('\\').join('/')).sort();
const hash = createHash('sha256');
for (const f of files.filter((f) => f !== 'sw.js')) {
  hash.update(f);
  hash.update(readFileSync(join(dist, f)));
}
const buildId = hash.digest('hex').slice(0, 12);

const stamp = (f, extra = {}) => {
  let text = readFileSync(join(dist, f), 'utf8').replaceAll('__BUILD_ID__', buildId);
  for (const [k, v] of Object.entries(extra)) text = text.replaceAll(k, v);
  writeFileSync(join(dist, f), text);
};
// Fetch every module of the first view and the wasm at once, instead of one
// import level after another (the load profile: first result ~75 ms
// sooner); then www/boot.js, inline (its hash joins the page's CSP), starts
// the core's worker and compiles the wasm while the modules load.
const preloads = [
  ...staticGraph(dist).filter((f) => f !== 'app.js').map((f) => `<link rel="modulepreload" href="${f}">`),
  '<link rel="preload" href="pkg/article_explorer_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
];
const boot = `(() => {\n${readFileSync(join(dist, 'boot.js'), 'utf8')}})();`;
const bootHash = `'sha256-${createHash('sha256').update(boot).digest('base64')}'`;
if (/<\/script/i.test(boot)) throw new Error('boot.js contains "</script"');
stamp('index.html', {
  '<!--boot-->': [...preloads, `<script id="boot">${boot}</script>`].join('\n'),
  "script-src 'self' 'wasm-unsafe-eval'": `script-src 'self' ${bootHash} 'wasm-unsafe-eval'`,
});
rmSync(join(dist, 'boot.js'));
stamp('host.js');
// Text shards are cached as they are fetched (sw.js), not all up front.
// Every other file is precached, those loaded on demand (views/, pkg-full/)
// included: an open page of an older build finds all of its own files in its
// own cache (tests/browser/update.test.mjs).
const shards = files.filter((f) => f.startsWith('text/'));
const precache = ['./', ...files.filter((f) => f !== 'sw.js' && f !== 'explorer.html' && f !== 'boot.js' && !f.startsWith('text/'))];
stamp('sw.js', { __PRECACHE__: JSON.stringify(precache) });

// ---- single file -------------------------------------------------------
// esbuild bundles the same ES modules into two classic scripts: the page's
// (www/host-inline.js in place of www/host.js) and the core's worker's
// (www/core-inline.js in place of www/core.js, after the no-modules glue).
// The wasm and the text shards are inline. Modules loaded on demand
// (import('./x.js')) are bundled too.
const www = fileURLToPath(new URL('../www', import.meta.url));
/** An esbuild plugin that bundles www/`to` wherever www/`from` is imported. */
const swap = (from, to) => ({
  name: `swap-${from}`,
  setup(b) {
    b.onResolve({ filter: new RegExp(`(^|/)${from.replace('.', '\\.')}$`) }, (args) =>
      (resolve(args.resolveDir, args.path) === join(www, from) ? { path: join(www, to) } : undefined));
  },
});
const bundle = async (entryPoint, plugin) => {
  const { outputFiles: [out] } = await esbuild({
    entryPoints: [join(www, entryPoint)],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    plugins: [plugin],
  });
  const text = out.text.replaceAll('__BUILD_ID__', buildId);
  if (/<\/script/i.test(text)) throw new Error(`single file: the bundle of ${entryPoint} contains "</script"`);
  return text;
};
const app = await bundle('app.js', swap('host.js', 'host-inline.js'));
const worker = await bundle('worker.js', swap('core.js', 'core-inline.js'));
const wasm = readFileSync(join(nomodules, 'article_explorer_bg.wasm'));
const shardJson = JSON.stringify(Object.fromEntries(shards.map((f) => [f.slice('text/'.length), readFileSync(join(dist, f)).toString('base64')])));
const glue = readFileSync(join(nomodules, 'article_explorer.js'), 'utf8');
// The worker's script: a data block the page turns into a blob: worker.
const workerSource = `${glue}\n${worker}`;
if (/<\/script/i.test(workerSource)) throw new Error('single file: the worker script contains "</script"');
const css = readFileSync(join(www, 'style.css'), 'utf8');
let html = readFileSync(join(www, 'index.html'), 'utf8')
  .replaceAll('__BUILD_ID__', buildId)
  .replace('<link rel="manifest" href="manifest.webmanifest">\n', '')
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>\n${css}</style>`)
  // Classic inline scripts run at once, so they go at the end of <body>.
  .replace('<!--boot-->\n', '')
  .replace('<script type="module" src="app.js"></script>\n', '')
  .replace('</body>', () =>
    `<script type="application/octet-stream" id="wasm-base64">${wasm.toString('base64')}</script>\n${shards.length ? `<script type="application/json" id="text-shards">${shardJson}</script>\n` : ''}<script type="text/plain" id="worker-src">\n${workerSource}\n</script>\n<script>\n${app}\n</script>\n</body>`);
// A strict policy for the single file: only this exact inline script and
// these styles may run (by hash), plus wasm compilation and the core's
// worker from a blob: URL; nothing may be fetched.
const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inline = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => sha(m[1]));
const csp = [
  "default-src 'none'",
  `script-src ${inline('script').join(' ')} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  `style-src ${inline('style').join(' ')}`,
  "img-src data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
if (!html.includes("'wasm-unsafe-eval'") || inline('script').length !== 1) throw new Error('single file: CSP not set');
if (html.includes('src="app.js"') || html.includes('<!--boot-->') || !html.includes('id="wasm-base64"')) throw new Error('single file: app.js was not inlined');
writeFileSync(join(dist, 'explorer.html'), html);
console.log(`build ${buildId}: ${precache.length} files precached; explorer.html ${(html.length / 1024).toFixed(0)} KiB`);
