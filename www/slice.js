// Cutting the core's HTML (escaped text and <mark> elements) into parts the
// reader draws one task at a time: a 5 MB paragraph must not hold the page.

/** A paragraph longer than this (UTF-16 units of HTML) is drawn in parts. */
export const SLICE = 32 * 1024;

/**
 * Core HTML cut into parts of about `size`: at a space outside any mark,
 * tag or entity (or, in a run with no space, anywhere outside them past
 * twice the size, never inside a surrogate pair). One pass.
 */
export function sliceHtml(html, size = SLICE) {
  if (html.length <= size) return [html];
  const out = [];
  let start = 0;
  let marks = 0; // open <mark>s
  let inTag = false;
  let inEntity = false;
  for (let i = 0; i < html.length; i += 1) {
    const c = html.charCodeAt(i);
    // Cutting before character i is safe when nothing is open there.
    if (!inTag && !inEntity && marks === 0 && i > start) {
      const long = i - start;
      const afterSpace = html.charCodeAt(i - 1) === 32;
      const lowSurrogate = c >= 0xdc00 && c <= 0xdfff;
      if ((afterSpace && long >= size) || (long >= 2 * size && !lowSurrogate)) {
        out.push(html.slice(start, i));
        start = i;
      }
    }
    if (c === 60) { // <
      inTag = true;
      if (html.startsWith('<mark>', i)) marks += 1;
      else if (html.startsWith('</mark>', i)) marks = Math.max(0, marks - 1);
    } else if (c === 62) { // >
      inTag = false;
    } else if (c === 38) { // &
      inEntity = true;
    } else if (c === 59) { // ;
      inEntity = false;
    }
  }
  if (start < html.length) out.push(html.slice(start));
  return out;
}
