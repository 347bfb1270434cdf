// The reader view: one article, with the query's matches (and a table
// row's sentence) marked by the core, and match navigation over them.
import { h, setCoreHtml, clear, byIds } from '../dom.js';
import { readHash, setHash, parseFocus, sameSegment } from '../router.js';
import * as session from '../session.js';
import { loadShards } from '../text.js';
import { isDropped } from '../remote.js';
import { articleMeta, markCurrent } from './search.js';

const els = {
  ...byIds({ status: 'status', reader: 'reader', back: 'back', main: 'main', content: 'reader-content' }),
  article: byIds({ title: 'reader-title', meta: 'reader-meta', body: 'reader-body' }),
  matches: byIds({ count: 'match-count', prev: 'prev-match', next: 'next-match', strip: 'density' }),
};
let shown = null; // { a, q, s } of the article on screen
let asked = null; // the { a, q, s } asked of the core last: answers for anything else are stale
let nav = null;
session.onReset(() => {
  shown = null;
  asked = null;
});

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

// Match navigation: the current match, next/previous, and the density
// strip that shows where matches fall (click a tick to jump).
/**
 * Wire navigation over the <mark>s inside `root`.
 * `els`: { count, prev, next, strip }; `onMove(n)` is told the 1-based match number.
 */
const STRIP_TICKS = 400;

function createMatchNav(root, els, onMove) {
  const marks = [...root.querySelectorAll('mark')];
  let current = 0;

  function show(n, { scroll = true } = {}) {
    if (!marks.length) return;
    marks[current - 1]?.classList.remove('current');
    current = ((n - 1 + marks.length) % marks.length) + 1;
    const mark = marks[current - 1];
    mark.classList.add('current');
    if (scroll) mark.scrollIntoView({ block: 'center', behavior: 'instant' });
    els.count.textContent = `${current} of ${marks.length}`;
    for (const tick of els.strip.children) tick.classList.toggle('current', Number(tick.dataset.n) === current);
    onMove(current);
  }

  function drawStrip() {
    const top = root.getBoundingClientRect().top + window.scrollY;
    const height = Math.max(root.scrollHeight, 1);
    // At most STRIP_TICKS ticks: with more marks, every k-th stands for its neighbours.
    const every = Math.ceil(marks.length / STRIP_TICKS);
    els.strip.replaceChildren(
      ...marks.map((mark, i) => [mark, i]).filter(([, i]) => i % every === 0).map(([mark, i]) => {
        const y = mark.getBoundingClientRect().top + window.scrollY - top;
        const tick = h('button', {
          type: 'button',
          class: 'tick',
          tabindex: -1,
          'data-n': i + 1,
          'aria-label': `Match ${i + 1}`,
        });
        // Through the CSSOM: the Content-Security-Policy forbids style attributes.
        tick.style.top = `${Math.min(100, Math.max(0, (100 * y) / height)).toFixed(2)}%`;
        tick.addEventListener('click', () => show(i + 1));
        return tick;
      }),
    );
  }

  els.prev.disabled = marks.length === 0;
  els.next.disabled = marks.length === 0;
  els.count.textContent = marks.length ? `– of ${marks.length}` : 'No matches';
  els.prev.onclick = () => show(current - 1);
  els.next.onclick = () => show(current + 1);
  drawStrip();
  return {
    get count() { return marks.length; },
    get current() { return current; },
    show,
    next: () => show(current + 1),
    prev: () => show(current - 1),
    redraw: drawStrip,
  };
}

const BATCH = 64 * 1024; // HTML drawn per task, so a 5 MB article never holds the page up

/** The elements an article is drawn as, in order: { size (of its HTML), parent (a list; none: the body), make() }. */
function pieces(article) {
  const out = [];
  let list = null;
  for (const block of article.blocks) {
    if (block.kind !== 'item') list = null;
    if (block.kind === 'table') {
      const table = article.tables[block.table];
      if (table) out.push({ size: 1024, make: () => renderTable(table) });
      continue;
    }
    if (block.kind === 'item') {
      if (!list) {
        const ul = h('ul');
        list = ul;
        out.push({ size: 0, make: () => ul });
      }
      const ul = list;
      out.push({ size: block.html.length, parent: ul, make: () => { const li = h('li'); setCoreHtml(li, block.html); return li; } });
      continue;
    }
    const tag = block.kind === 'heading' ? 'h3' : 'p';
    (block.parts ?? [block.html]).forEach((part, i) => {
      out.push({ size: part.length, make: () => { const el = h(tag, i ? { class: 'cont' } : {}); setCoreHtml(el, part); return el; } });
    });
  }
  return out;
}

let drawing = 0; // the current draw: an older one stops

/**
 * Render a highlighted article (from the core's highlight()). A long one is
 * drawn a part at a time, a task each; resolves to true once all of it is
 * there, or false when a newer draw replaced it.
 */
async function renderArticle(els, article, meta) {
  const mine = ++drawing;
  setCoreHtml(els.title, article.title);
  els.meta.textContent = meta;
  clear(els.body);
  const all = pieces(article);
  let i = 0;
  while (i < all.length) {
    let size = 0;
    const frag = document.createDocumentFragment();
    for (; i < all.length && (size === 0 || size + all[i].size <= BATCH); i += 1) {
      const { parent, make } = all[i];
      (parent ?? frag).append(make());
      size += all[i].size + 64;
    }
    els.body.append(frag);
    if (i < all.length) {
      await new Promise((resolve) => { setTimeout(resolve, 0); });
      if (mine !== drawing) return false;
    }
  }
  return true;
}

/** Hide the reader. */
export function close() {
  els.reader.hidden = true;
  els.main.classList.remove('reading');
  shown = null;
  nav = null;
}

/** True while an article is open. */
export function isOpen() {
  return !els.reader.hidden;
}

/** The 1-based number of the mark that holds the focus range, if any. */
function focusMark(ranges, focus) {
  if (!focus) return 0;
  const i = ranges.findIndex((r) => sameSegment(r.segment, focus.segment) && r.start <= focus.start && focus.start < Math.max(r.end, r.start + 1));
  return i + 1;
}

/**
 * True when article `id`'s text is loaded; otherwise fetch it (a sharded
 * corpus), saying so meanwhile. False when it could not be had.
 */
async function textHere(id) {
  const need = await session.call('textNeeded', [id]);
  if (!need.ok) return false;
  if (!need.value.length) return true;
  els.status.textContent = 'Loading the article…';
  try {
    await loadShards(session.current(), need.value);
    return true;
  } catch (err) {
    if (readHash().a === id && !isDropped(err)) els.status.textContent = `The article could not be loaded: ${err?.message ?? err}`;
    return false;
  }
}

const same = (x, y) => Boolean(x && y) && x.a === y.a && x.q === y.q && x.s === y.s;

let focusBack = '← Tables'; // the back button of an article opened at a focus (a table row, a concordance line)

/** Name the view an article opened at a focus goes back to. */
export function backTo(label) {
  focusBack = `← ${label}`;
}

/**
 * Draw article `id` with the matches of `query` (focus `s`). Resolves to the
 * number of the first match to show (1 when none is focused), or false when
 * the article could not be drawn or a newer request overtook this one.
 */
async function open(id, query, s) {
  const want = { a: id, q: query, s };
  asked = want;
  const focus = parseFocus(s);
  if (!(await textHere(id))) {
    if (asked === want) close();
    return false;
  }
  if (asked !== want) return false;
  // The list searched with the last word as a prefix: mark the same words.
  const r = await session.request('highlightParts', [id, query, focus, true], { supersede: 'highlight' });
  if (asked !== want) return false;
  if (!r.ok) {
    close();
    return false;
  }
  els.back.textContent = focus ? focusBack : '← Results';
  const summary = session.articleList().find((a) => a.id === id);
  const { matches: n, marked } = r.value;
  const counted = query.trim() ? ` · ${n.toLocaleString('en')} match${n === 1 ? '' : 'es'}${marked < n ? ` (the first ${marked.toLocaleString('en')} marked)` : ''}` : '';
  els.reader.hidden = false;
  els.main.classList.add('reading');
  if (!(await renderArticle(els.article, r.value, `${summary ? articleMeta(summary) : ''}${counted}`)) || asked !== want) return false;
  els.reader.classList.toggle('has-query', Boolean(query.trim()));
  shown = want;
  nav = createMatchNav(els.content, els.matches, (n) => {
    const state = readHash();
    if (state.m !== n) setHash({ ...state, m: n });
  });
  if (!nav.count) window.scrollTo({ top: 0, behavior: 'instant' });
  return focusMark(r.value.ranges, focus) || 1;
}

/** Show the hash's article `a` (none: close), its matches of `q`, at match `m`, focus `s`. */
export async function show({ a, q, m, s }) {
  if (!a) {
    asked = null;
    close();
    return;
  }
  const want = { a, q, s };
  if (!same(shown, want)) {
    if (same(asked, want)) return; // on its way
    const first = await open(a, q, s);
    if (first === false) return;
    if (!m && nav.count) m = first;
  }
  markCurrent(a);
  if (nav && nav.count && m && m !== nav.current) nav.show(m);
}

/** Next (or, with `back`, previous) match; false when no article is open. */
export function step(back = false) {
  if (!nav || !isOpen()) return false;
  if (back) nav.prev();
  else nav.next();
  return true;
}

/** The page was resized: the density strip is drawn again. */
export function redraw() {
  nav?.redraw();
}

/** Wire the back button to `goBack()`. */
export function wire(goBack) {
  els.back.addEventListener('click', goBack);
}
