// A data table: sortable columns, a filter box, CSV and JSON download of the
// rows as filtered and sorted, and rows that open the sentence they come from.
// Every cell is set as text; nothing from the data becomes markup.
import { h } from '../dom.js';

/** Quote one CSV field (RFC 4180). Text a spreadsheet could run as a
 *  formula gets a leading apostrophe (OWASP's CSV-injection guidance): text
 *  whose first character, after any spaces or quotes, is =, +, -, @, a tab,
 *  a CR or NUL. Numbers stay numbers (a negative one included). */
export function csvField(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = String(value);
  if (/^[ "']*[=+\-@\t\r\0]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text (header first, CRLF line ends). */
export function toCsv(columns, rows) {
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Rows to JSON: one object per row, keyed by column key, raw values. */
export function toJson(columns, rows) {
  return JSON.stringify(rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row) ?? null]))), null, 2);
}

/** Offer `text` as a file download. */
export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function compare(a, b, numeric) {
  const empty = (v) => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return empty(a) - empty(b);
  if (numeric) return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

function matches(row, columns, words) {
  if (!words.length) return true;
  const text = columns.map((c) => {
    const v = c.value(row);
    return v === null || v === undefined ? '' : String(c.text ? c.text(row) : v);
  }).join(' \u0000 ').toLowerCase();
  return words.every((w) => text.includes(w));
}

/**
 * Build a table.
 * @param {object} spec
 * @param {string} spec.name      file name stem for downloads and an id prefix
 * @param {string} spec.caption   table caption
 * @param {Array}  spec.columns   [{ key, label, value(row), numeric?, text?(row), cell?(row) → Node|string,
 *                                  sortValue?(row) (what sorting compares, when not the value), hidden? (downloads only) }]
 * @param {Array}  spec.rows      the data
 * @param {(row) => string|null} [spec.href]  where a row leads (its sentence in the reader)
 * @param {number} [spec.limit]   rows drawn at most (downloads hold them all)
 */
export function createDataTable({ name, caption, columns, rows, href = null, limit = 200 }) {
  let sortKey = null;
  let sortDir = 1;
  let view = rows;
  const status = h('p', { class: 'table-status', role: 'status', 'aria-live': 'polite' });
  const filter = h('input', {
    type: 'search', id: `${name}-filter`, class: 'table-filter', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Filter rows…', 'aria-controls': `${name}-table`,
  });
  const drawn = columns.filter((c) => !c.hidden);
  const heads = drawn.map((c) => {
    const button = h('button', { type: 'button', class: 'sort', 'data-key': c.key }, c.label);
    button.addEventListener('click', () => sortBy(c.key));
    return h('th', { scope: 'col', class: c.numeric ? 'num' : null, 'aria-sort': 'none' }, button);
  });
  const body = h('tbody');
  const table = h('table', { id: `${name}-table`, class: 'data' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, heads)),
    body);

  function apply() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    view = rows.filter((r) => matches(r, columns, words));
    const col = columns.find((c) => c.key === sortKey);
    const key = col?.sortValue ?? col?.value;
    if (col) view = [...view].sort((a, b) => sortDir * compare(key(a), key(b), col.numeric));
    heads.forEach((th, i) => th.setAttribute('aria-sort', drawn[i].key === sortKey ? (sortDir > 0 ? 'ascending' : 'descending') : 'none'));
    draw();
  }

  function draw() {
    const shown = view.slice(0, limit);
    body.replaceChildren(...shown.map((row) => {
      const link = href ? href(row) : null;
      const tr = h('tr', { class: link ? 'clickable' : null, 'data-href': link });
      for (const c of drawn) {
        const content = c.cell ? c.cell(row, link) : (c.text ? c.text(row) : c.value(row));
        tr.append(h('td', { class: c.numeric ? 'num' : null }, content ?? ''));
      }
      return tr;
    }));
    const total = rows.length;
    status.textContent = view.length === total
      ? `${total.toLocaleString('en')} row${total === 1 ? '' : 's'}`
      : `${view.length.toLocaleString('en')} of ${total.toLocaleString('en')} rows match`;
    if (view.length > limit) status.textContent += ` (showing the first ${limit}; downloads hold all)`;
  }

  function sortBy(key) {
    if (sortKey === key) sortDir = -sortDir;
    else { sortKey = key; sortDir = columns.find((c) => c.key === key)?.numeric ? -1 : 1; }
    apply();
  }

  // A click anywhere on a row follows its link (keyboard users use the link itself).
  body.addEventListener('click', (e) => {
    if (!(e.target instanceof Element) || e.target.closest('a, button')) return;
    const tr = e.target.closest('tr[data-href]');
    if (tr) location.hash = tr.dataset.href;
  });
  filter.addEventListener('input', apply);
  const csv = h('button', { type: 'button', class: 'button small', 'data-export': 'csv' }, 'Download CSV');
  const json = h('button', { type: 'button', class: 'button small', 'data-export': 'json' }, 'Download JSON');
  csv.addEventListener('click', () => download(`${name}.csv`, 'text/csv;charset=utf-8', toCsv(columns, view)));
  json.addEventListener('click', () => download(`${name}.json`, 'application/json', toJson(columns, view)));
  apply();
  return h('div', { class: 'datatable', 'data-table': name },
    h('div', { class: 'table-tools' },
      h('label', { for: `${name}-filter`, class: 'visually-hidden' }, `Filter ${caption}`),
      filter, csv, json),
    status,
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption }, table));
}
