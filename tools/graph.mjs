// The page's static module graph: app.js and what it imports statically
// (modules loaded on demand with import(), such as the tables view, are not
// part of it). Used by the size budget and by the preload links.
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';

/** Files (relative to `dist`) in the static import graph of `entry`. */
export function staticGraph(dist, entry = 'app.js') {
  const seen = new Set();
  const visit = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    const code = readFileSync(join(dist, f), 'utf8');
    // Static imports, readable (one per line) or minified; not import('./x.js').
    for (const m of code.matchAll(/\bimport\s*(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s*[\w$]+|\{[^}]*\})?\s*from\s*["'](\.\.?\/[^"']+)["']/g)) {
      visit(posix.join(posix.dirname(f), m[1]));
    }
  };
  visit(entry);
  return [...seen];
}
