// The reader: one article, with the query's matches marked by the core.
import { h, setCoreHtml, clear } from './dom.js';

function renderTable(table) {
  const head = h('thead', {}, h('tr', {}, table.header.map((cell) => {
    const th = h('th', { scope: 'col' });
    setCoreHtml(th, cell);
    return th;
  })));
  const body = h('tbody', {}, table.rows.map((row) => h('tr', {}, row.map((cell) => {
    const td = h('td');
    setCoreHtml(td, cell);
    return td;
  }))));
  const wrap = h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': table.caption || 'Table' });
  const t = h('table', {}, head, body);
  wrap.append(t);
  return wrap;
}

/** Render a highlighted article (from the core's highlight()). */
export function renderArticle(els, article, meta) {
  setCoreHtml(els.title, article.title);
  els.meta.textContent = meta;
  clear(els.body);
  let list = null;
  for (const block of article.blocks) {
    if (block.kind !== 'item') list = null;
    if (block.kind === 'table') {
      const table = article.tables[block.table];
      if (table) els.body.append(renderTable(table));
      continue;
    }
    if (block.kind === 'item') {
      if (!list) {
        list = h('ul');
        els.body.append(list);
      }
      const li = h('li');
      setCoreHtml(li, block.html);
      list.append(li);
      continue;
    }
    const el = h(block.kind === 'heading' ? 'h3' : 'p');
    setCoreHtml(el, block.html);
    els.body.append(el);
  }
}
