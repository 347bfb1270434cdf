// Small DOM helpers. Text always goes in as text; the only HTML inserted is
// what the Rust core produced (escaped text plus <mark>), via setCoreHtml.

/** Create an element with attributes and children (strings become text nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Insert HTML made by the core (already escaped; only <mark> elements). */
export function setCoreHtml(el, html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  // Defence in depth: anything but text and <mark> is turned back into text.
  for (const node of tpl.content.querySelectorAll('*')) {
    if (node.tagName !== 'MARK' || node.attributes.length) node.replaceWith(node.textContent);
  }
  el.replaceChildren(tpl.content);
}

/** Remove all children. */
export function clear(el) {
  el.replaceChildren();
}

/** The elements with these ids, by name: byIds({ input: 'q' }) → { input: the element #q }. */
export function byIds(ids) {
  return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, document.getElementById(id)]));
}
