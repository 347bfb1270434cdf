// After build.sh has copied www/ and pkg/ into dist/:
//  1. stamps a build id (hash of the site) into index.html, core.js and sw.js,
//     and gives the service worker its precache list;
//  2. writes dist/explorer.html: one self-contained file (styles, the
//     modules bundled by esbuild with www/core-inline.js as the core loader,
//     the no-modules wasm-bindgen glue and the wasm as base64) that works from file://.
// Usage: node tools/finalize.mjs DIST NOMODULES_PKG_DIR
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
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
// import level after another (the load profile: first result ~75 ms sooner).
const entry = '<script type="module" src="app.js"></script>';
const preloads = [
  ...staticGraph(dist).filter((f) => f !== 'app.js').map((f) => `<link rel="modulepreload" href="${f}">`),
  '<link rel="preload" href="pkg/article_explorer_bg.wasm" as="fetch" type="application/wasm" crossorigin>',
];
stamp('index.html', { [entry]: [...preloads, entry].join('\n') });
stamp('core.js');
// Text shards are cached as they are fetched (sw.js), not all up front.
// Every other file is precached, those loaded on demand (views/, pkg-full/)
// included: an open page of an older build finds all of its own files in its
// own cache (tests/browser/update.test.mjs).
const shards = files.filter((f) => f.startsWith('text/'));
const precache = ['./', ...files.filter((f) => f !== 'sw.js' && f !== 'explorer.html' && !f.startsWith('text/'))];
stamp('sw.js', { __PRECACHE__: JSON.stringify(precache) });

// ---- single file -------------------------------------------------------
// esbuild bundles the same ES modules into one classic script, with
// www/core-inline.js in place of www/core.js (the wasm and the text shards
// are inline; the no-modules glue is a script of its own). Modules loaded on
// demand (import('./x.js')) are bundled too.
const www = fileURLToPath(new URL('../www', import.meta.url));
const inlineCore = {
  name: 'inline-core',
  setup(b) {
    b.onResolve({ filter: /(^|\/)core\.js$/ }, (args) =>
      (resolve(args.resolveDir, args.path) === join(www, 'core.js') ? { path: join(www, 'core-inline.js') } : undefined));
  },
};
const { outputFiles: [bundled] } = await esbuild({
  entryPoints: [join(www, 'app.js')],
  bundle: true,
  format: 'iife',
  target: 'es2022',
  charset: 'utf8',
  legalComments: 'none',
  write: false,
  plugins: [inlineCore],
});
const app = bundled.text.replaceAll('__BUILD_ID__', buildId);
if (/<\/script/i.test(app)) throw new Error('single file: the bundle contains "</script"');
const wasm = readFileSync(join(nomodules, 'article_explorer_bg.wasm'));
const shardJson = JSON.stringify(Object.fromEntries(shards.map((f) => [f.slice('text/'.length), readFileSync(join(dist, f)).toString('base64')])));
const glue = readFileSync(join(nomodules, 'article_explorer.js'), 'utf8');
const css = readFileSync(join(www, 'style.css'), 'utf8');
let html = readFileSync(join(www, 'index.html'), 'utf8')
  .replaceAll('__BUILD_ID__', buildId)
  .replace('<link rel="manifest" href="manifest.webmanifest">\n', '')
  .replace('<link rel="stylesheet" href="style.css">', () => `<style>\n${css}</style>`)
  // Classic inline scripts run at once, so they go at the end of <body>.
  .replace('<script type="module" src="app.js"></script>\n', '')
  .replace('</body>', () =>
    `<script type="application/octet-stream" id="wasm-base64">${wasm.toString('base64')}</script>\n${shards.length ? `<script type="application/json" id="text-shards">${shardJson}</script>\n` : ''}<script>\n${glue}\n</script>\n<script>\n${app}\n</script>\n</body>`);
// A strict policy for the single file: only these exact inline scripts and
// styles may run (by hash), plus wasm compilation; nothing may be fetched.
const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const inline = (tag) => [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => sha(m[1]));
const csp = [
  "default-src 'none'",
  `script-src ${inline('script').join(' ')} 'wasm-unsafe-eval'`,
  `style-src ${inline('style').join(' ')}`,
  "img-src data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
html = html.replace(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/, () => `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
if (!html.includes("'wasm-unsafe-eval'") || inline('script').length !== 2) throw new Error('single file: CSP not set');
if (html.includes('src="app.js"') || !html.includes('id="wasm-base64"')) throw new Error('single file: app.js was not inlined');
writeFileSync(join(dist, 'explorer.html'), html);
console.log(`build ${buildId}: ${precache.length} files precached; explorer.html ${(html.length / 1024).toFixed(0)} KiB`);
