// Lighthouse (pinned devDependency) with Debian's Chromium against dist/
// served on 127.0.0.1: prints the category scores. Not part of the test command.
//   node tools/lighthouse.mjs            (after ./build.sh build)
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(ROOT, 'bench', 'out');
mkdirSync(out, { recursive: true });
const { server, url } = await serve(join(ROOT, 'dist'), 0, '/explorer/');
const flags = '--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync';
const scores = {};
try {
  for (const [name, formFactor] of [['desktop', '--preset=desktop'], ['mobile', null]]) {
    const report = join(out, `lighthouse-${name}.json`);
    const args = [url, '--quiet', `--chrome-flags=${flags}`, '--only-categories=accessibility,best-practices,performance,seo', '--output=json', `--output-path=${report}`];
    if (formFactor) args.push(formFactor);
    // Async: the server answering Lighthouse runs in this process.
    await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'lighthouse'), args, { env: { ...process.env, CHROME_PATH: '/usr/bin/chromium' } });
    const json = JSON.parse(readFileSync(report, 'utf8'));
    scores[name] = Object.fromEntries(Object.values(json.categories).map((c) => [c.title, Math.round(c.score * 100)]));
    const failing = Object.values(json.audits).filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary').map((a) => a.id);
    if (failing.length) console.log(`${name}: audits not passed: ${failing.join(', ')}`);
  }
} finally {
  server.close();
}
console.log(`Lighthouse ${JSON.parse(readFileSync(join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version} on ${url}`);
console.table(scores);
