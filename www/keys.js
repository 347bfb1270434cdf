// Keyboard shortcuts: / to search, arrow keys through the results, n and
// Shift+N through the matches, Escape back from the reader.
import { resultLinks } from './views/search.js';
import * as reader from './views/reader.js';

function isTyping(target) {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Keys in the search box: ArrowDown to the first result, Escape back from the reader. */
function inBox(e, links, goBack) {
  if (e.key === 'ArrowDown' && links.length) {
    e.preventDefault();
    links[0].focus();
  } else if (e.key === 'Escape' && reader.isOpen()) {
    e.preventDefault();
    goBack();
  }
}

/** Keys elsewhere on the page. */
function onPage(e, input, links, goBack) {
  const at = links.indexOf(document.activeElement);
  if (e.key === '/') {
    e.preventDefault();
    input.focus();
    input.select();
  } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && at >= 0) {
    e.preventDefault();
    const next = at + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  } else if ((e.key === 'n' || e.key === 'N') && reader.step(e.key === 'N')) {
    e.preventDefault();
  } else if (e.key === 'Escape' && reader.isOpen()) {
    e.preventDefault();
    goBack();
  }
}

/** Listen for the shortcuts; `input` is the search box, `goBack()` leaves the reader. */
export function wireKeys(input, goBack) {
  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const links = resultLinks();
    if (e.target === input) inBox(e, links, goBack);
    else if (!isTyping(e.target)) onPage(e, input, links, goBack);
  });
}
