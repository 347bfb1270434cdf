// Size budget of the seed page: the gzip bytes a first visit needs before
// the first result (index.html, styles, the app's modules, the core's worker
// and its loader, the wasm-bindgen glue and the lean wasm; not the single file, not the on-demand full build
// (HTML files and tables) or the tables view's modules,
// not the service worker's background precache). Fails when the total grows
// more than 10 % over the budget recorded in budget.json.
//   node tools/budget.mjs [DIST]           check
//   node tools/budget.mjs [DIST] --record  write the current size as the budget
import { gzipSync } from 'node:zlib';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staticGraph } from './graph.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dist = args.find((a) => !a.startsWith('--')) ?? join(ROOT, 'dist');
const budgetFile = join(ROOT, 'budget.json');

// The page's modules, and the worker's (it loads the lean glue with import()).
const graph = [...new Set([...staticGraph(dist), ...staticGraph(dist, 'worker.js')])];
// The page cannot start without these: if the import scan missed them (a
// change in how the modules are written or minified), the total would be low.
for (const f of ['host.js', 'remote.js', 'core.js']) {
  if (!graph.includes(f)) {
    console.error(`budget: ${f} not found in the import graphs of ${dist}/app.js and worker.js (found: ${graph.join(', ')})`);
    process.exit(1);
  }
}
const critical = ['index.html', 'style.css', ...graph, 'pkg/article_explorer.js', 'pkg/article_explorer_bg.wasm'];
let total = 0;
for (const f of critical.sort()) {
  const gz = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  total += gz;
  console.log(`${f.padEnd(34)} ${String(gz).padStart(8)} gzip`);
}
console.log(`${'first-visit total'.padEnd(34)} ${String(total).padStart(8)} gzip`);
if (args.includes('--record')) {
  writeFileSync(budgetFile, `${JSON.stringify({ seedPageGzipBytes: total, note: 'gzip -9 bytes a first visit needs before the first result; tools/budget.mjs fails above +10 %' }, null, 2)}\n`);
  console.log(`recorded budget ${total}`);
} else {
  const { seedPageGzipBytes: budget } = JSON.parse(readFileSync(budgetFile, 'utf8'));
  const limit = Math.floor(budget * 1.1);
  console.log(`budget ${budget} (+10 % = ${limit})`);
  if (total > limit) {
    console.error(`size budget exceeded: ${total} > ${limit} gzip bytes`);
    process.exit(1);
  }
}
