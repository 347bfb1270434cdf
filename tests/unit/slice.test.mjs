// The reader's cutting of a long paragraph's HTML: every part parses on its
// own (no cut inside a mark, a tag, an entity or a surrogate pair), the
// parts join back to the whole, and the cut is one pass (a 5 MB paragraph).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sliceHtml } from '../../www/slice.js';

/** True when `part` has balanced marks and no broken tag or entity at either end. */
function whole(part) {
  const opens = part.split('<mark>').length - 1;
  const closes = part.split('</mark>').length - 1;
  if (opens !== closes) return false;
  if (/<[^>]*$/.test(part) || /&[a-z#0-9]*$/i.test(part)) return false;
  if (/^[^<]*>/.test(part) || /^[a-z#0-9]*;/i.test(part)) return false;
  const first = part.charCodeAt(0);
  return !(first >= 0xdc00 && first <= 0xdfff);
}

const CASES = [
  ['short text stays whole', 'a <mark>b</mark> c', 100, 1],
  ['words, cut at spaces', 'word '.repeat(100), 40, null],
  ['marks are never cut', '<mark>two words</mark> '.repeat(50), 30, null],
  ['entities are never cut', '&amp;&lt;&quot; '.repeat(60), 20, null],
  ['no spaces: cut past twice the size', 'x'.repeat(500), 50, null],
  ['no spaces, entities and marks', '&amp;<mark>y</mark>'.repeat(100), 25, null],
  ['surrogate pairs stay whole', '\u{1F642}'.repeat(300), 31, null],
  ['CJK with no spaces', '阿里巴巴集团'.repeat(200), 64, null],
];

for (const [name, html, size, count] of CASES) {
  test(`sliceHtml: ${name}`, () => {
    const parts = sliceHtml(html, size);
    assert.equal(parts.join(''), html);
    if (count !== null) assert.equal(parts.length, count);
    else assert.ok(parts.length > 1, 'a long text is cut');
    for (const p of parts) {
      assert.ok(whole(p), `part ${JSON.stringify(p.slice(0, 40))} is broken`);
      assert.ok(p.length <= 3 * size + 32, `part of ${p.length} for size ${size}`);
    }
  });
}

test('sliceHtml: a mark longer than the size is kept in one part', () => {
  const html = `a <mark>${'long '.repeat(40)}</mark> b`;
  const parts = sliceHtml(html, 20);
  assert.equal(parts.join(''), html);
  assert.ok(parts.some((p) => p.includes('<mark>') && p.includes('</mark>')));
  for (const p of parts) assert.ok(whole(p));
});
