// Corrections of the Names table by the reader: rename an entity, merge two
// rows, change a kind, or hide one. The core applies them (setCorrections)
// before it builds every table; this module draws the form and the list.
import { h } from '../dom.js';

const KINDS = [['person', 'Person'], ['organisation', 'Organisation'], ['place', 'Place']];
const SUGGESTED = 1000; // names offered in the box's suggestions
const ACTIONS = [['rename', 'Rename'], ['merge', 'Merge into another row'], ['retype', 'Change kind'], ['hide', 'Hide']];

/** "Name (kind)" for an entity row or a correction's target. */
function label(name, kind) {
  return `${name} (${kind})`;
}

/** One line of the list: what the correction says. */
export function describe(c) {
  switch (c.op) {
    case 'rename': return `Rename ${label(c.name, c.kind)} to “${c.to}”`;
    case 'merge': return `Merge ${label(c.name, c.kind)} into ${label(c.into, c.intoKind)}`;
    case 'retype': return `${label(c.name, c.kind)} is a ${c.to}`;
    case 'hide': return `Hide ${label(c.name, c.kind)}`;
    default: return 'Unknown correction';
  }
}

/** Keep only well-formed corrections (from storage or an import file); returns [kept, refused]. */
export function sanitize(list) {
  const kinds = new Set(KINDS.map(([k]) => k));
  const str = (v) => typeof v === 'string' && v.length > 0 && v.length <= 200;
  const kept = [];
  const refused = [];
  for (const c of Array.isArray(list) ? list : []) {
    const ok = c && typeof c === 'object' && str(c.name) && kinds.has(c.kind) && (
      (c.op === 'rename' && str(c.to))
      || (c.op === 'merge' && str(c.into) && kinds.has(c.intoKind))
      || (c.op === 'retype' && kinds.has(c.to))
      || c.op === 'hide');
    if (!ok) {
      refused.push(c);
      continue;
    }
    const base = { op: c.op, name: c.name, kind: c.kind };
    if (c.op === 'rename') kept.push({ ...base, to: c.to });
    else if (c.op === 'merge') kept.push({ ...base, into: c.into, intoKind: c.intoKind });
    else if (c.op === 'retype') kept.push({ ...base, to: c.to });
    else kept.push(base);
  }
  return [kept, refused];
}

/**
 * The corrections panel above the Names table. `state`: { list, outcomes }
 * (outcomes: the core's { ok, message } per correction); `actions`:
 * { add(correction), undo(index) }, each returning a promise.
 */
export function correctionsPanel(entities, state, actions) {
  // Suggestions: the most mentioned names (a large corpus has tens of thousands; any name can be typed).
  const options = [...entities].sort((a, b) => b.mentions - a.mentions).slice(0, SUGGESTED).map((e) => h('option', { value: label(e.name, e.kind) }));
  const byLabel = new Map(entities.map((e) => [label(e.name, e.kind), e]));
  const list = h('datalist', { id: 'entity-names' }, options);
  const entity = h('input', { id: 'fix-entity', list: 'entity-names', autocomplete: 'off', required: true, placeholder: 'Name (kind)' });
  const action = h('select', { id: 'fix-action' }, ACTIONS.map(([v, t]) => h('option', { value: v }, t)));
  const to = h('input', { id: 'fix-to', autocomplete: 'off', placeholder: 'New name' });
  const target = h('input', { id: 'fix-target', list: 'entity-names', autocomplete: 'off', placeholder: 'Name (kind)' });
  const kind = h('select', { id: 'fix-kind' }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const message = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const fields = {
    rename: h('p', { class: 'fix-field' }, h('label', { for: 'fix-to' }, 'New name '), to),
    merge: h('p', { class: 'fix-field' }, h('label', { for: 'fix-target' }, 'Merge into '), target),
    retype: h('p', { class: 'fix-field' }, h('label', { for: 'fix-kind' }, 'Kind '), kind),
    hide: null,
  };
  const slot = h('div', { class: 'fix-slot' });
  const showField = () => slot.replaceChildren(...[fields[action.value]].filter(Boolean));
  action.addEventListener('change', showField);
  showField();
  const form = h('form', { class: 'fix-form', 'aria-labelledby': 'fix-heading' },
    h('p', { class: 'fix-field' }, h('label', { for: 'fix-entity' }, 'Name '), entity),
    h('p', { class: 'fix-field' }, h('label', { for: 'fix-action' }, 'Correction '), action),
    slot,
    h('p', { class: 'fix-field' }, h('button', { type: 'submit', class: 'button' }, 'Apply')),
    list);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const row = byLabel.get(entity.value.trim());
    if (!row) {
      message.textContent = `Pick a name from the table: “${entity.value}” is not one.`;
      return;
    }
    const base = { op: action.value, name: row.name, kind: row.kind };
    let c = base;
    if (action.value === 'rename') {
      if (!to.value.trim()) { message.textContent = 'Type the new name.'; return; }
      c = { ...base, to: to.value.trim() };
    } else if (action.value === 'merge') {
      const other = byLabel.get(target.value.trim());
      if (!other) { message.textContent = `Pick the row to merge into from the table: “${target.value}” is not one.`; return; }
      c = { ...base, into: other.name, intoKind: other.kind };
    } else if (action.value === 'retype') {
      c = { ...base, to: kind.value };
    }
    actions.add(c).then((outcome) => {
      message.textContent = outcome?.message ?? '';
      if (outcome?.ok) {
        form.reset();
        showField();
      }
    }, (err) => { message.textContent = `The correction could not be applied: ${err?.message ?? err}`; });
  });
  const items = state.list.map((c, i) => {
    const o = state.outcomes[i];
    const undo = h('button', { type: 'button', class: 'button undo', 'data-undo': String(i) }, 'Undo');
    undo.setAttribute('aria-label', `Undo: ${describe(c)}`);
    undo.addEventListener('click', () => actions.undo(i).catch((err) => { message.textContent = `Undo failed: ${err?.message ?? err}`; }));
    return h('li', { class: o && !o.ok ? 'fix-item refused' : 'fix-item' },
      h('span', {}, describe(c)),
      o && !o.ok ? h('span', { class: 'fix-note' }, ` — not applied: ${o.message}`) : null,
      ' ', undo);
  });
  return h('section', { class: 'fixes', 'aria-labelledby': 'fix-heading' },
    h('h3', { id: 'fix-heading' }, 'Correct a name'),
    h('p', { class: 'table-note' }, 'Rename a row, merge two rows, change a kind or hide a row. Every table, the charts and Across sources follow. Corrections stay in this browser and travel with Export.'),
    form,
    message,
    state.list.length
      ? h('div', {}, h('h4', {}, `Your corrections (${state.list.length})`), h('ol', { class: 'fix-list' }, items))
      : null);
}
