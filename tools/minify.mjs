// Minifies the served site's scripts and styles in place (esbuild, no
// bundling: every module keeps its file and its imports). Runs after
// tools/finalize.mjs, which reads the readable sources to build the single
// file and the preload links. `node tools/minify.mjs DIST`.
import { transformSync } from 'esbuild';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';

/** Files to minify: scripts and styles at the top, in views/ and in the pkg folders (not text shards, not the single file). */
function targets(dir, top = true) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return top && (name.startsWith('pkg') || name === 'views') ? targets(path, false) : [];
    return /\.(m?js|css)$/.test(name) ? [path] : [];
  });
}

let before = 0;
let after = 0;
for (const path of targets(dist)) {
  const source = readFileSync(path, 'utf8');
  const css = path.endsWith('.css');
  // ES modules may have their top-level names shortened; a classic script
  // (the service worker) keeps them.
  const esm = !css && /^(import|export)\b/m.test(source);
  const { code } = transformSync(source, {
    loader: css ? 'css' : 'js',
    minify: true,
    target: css ? 'chrome100' : 'es2022',
    ...(esm ? { format: 'esm' } : {}),
    legalComments: 'none',
  });
  writeFileSync(path, code);
  before += source.length;
  after += code.length;
}
console.log(`minified: ${before} → ${after} bytes`);
