// Match navigation inside the reader: current match, next/previous, and the
// density strip that shows where matches fall (click a tick to jump).
import { h } from './dom.js';

/**
 * Wire navigation over the <mark>s inside `root`.
 * `els`: { count, prev, next, strip }; `onMove(n)` is told the 1-based match number.
 */
export function createMatchNav(root, els, onMove) {
  const marks = [...root.querySelectorAll('mark')];
  let current = 0;

  function show(n, { scroll = true } = {}) {
    if (!marks.length) return;
    current = ((n - 1 + marks.length) % marks.length) + 1;
    marks.forEach((m, i) => m.classList.toggle('current', i === current - 1));
    const mark = marks[current - 1];
    if (scroll) mark.scrollIntoView({ block: 'center', behavior: 'instant' });
    els.count.textContent = `${current} of ${marks.length}`;
    for (const tick of els.strip.children) tick.classList.toggle('current', Number(tick.dataset.n) === current);
    onMove(current);
  }

  function drawStrip() {
    const top = root.getBoundingClientRect().top + window.scrollY;
    const height = Math.max(root.scrollHeight, 1);
    els.strip.replaceChildren(
      ...marks.map((mark, i) => {
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
