// The library controls ("your articles"): add files (picker or drop),
// import, export, remove, and the restoring of saved articles at start-up.
// One task at a time; ../library.js does the work.
import * as library from '../library.js';
import * as session from '../session.js';
import { byIds } from '../dom.js';

const els = byIds({
  fileInput: 'file-input', importInput: 'import-input', exportButton: 'export',
  removeAll: 'remove-all', results: 'results', dropOverlay: 'drop-overlay',
});
/** Where the library reports: { progress, log }. */
export const ui = byIds({ progress: 'progress', log: 'import-log' });
let hasCorrections = false; // some are stored (Export has something to save)
let busy = false;
let hooks = { refresh: () => {}, importCorrections: async () => ({ added: 0, refused: 0 }) };

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const added = () => session.articleList().filter((a) => a.added);

/** Enable Export and Remove all when there is something to export or remove. */
export function updateButtons() {
  if (busy) return;
  const any = added().length > 0 || library.unrestored().length > 0;
  els.exportButton.disabled = !any && !hasCorrections;
  els.removeAll.disabled = added().length === 0;
}

/** The reader now has `n` stored corrections (Export saves them too). */
export function noteCorrections(n) {
  hasCorrections = n > 0;
  updateButtons();
}

/** Run one library task at a time; the controls are disabled meanwhile. False when another is running. */
function task(run) {
  if (busy) return false;
  busy = true;
  for (const el of [els.fileInput, els.importInput, els.exportButton, els.removeAll]) el.disabled = true;
  (async () => {
    try {
      await run();
    } catch (err) {
      if (err?.name === 'Cancelled') library.report(ui.log, 'Stopped. What was saved before is kept.', true);
      else library.report(ui.log, `Error: ${err?.message ?? err}`, true);
    } finally {
      busy = false;
      els.fileInput.disabled = false;
      els.importInput.disabled = false;
      await hooks.refresh();
    }
  })();
  return true;
}

/**
 * Adding articles (and reading HTML files) needs the full core: the page's
 * first module only searches and reads. Load it and move the added articles
 * over; true when the core was switched.
 */
async function ensureAdding(names, records = undefined) {
  if (!library.needsFullCore(session.current(), names)) return false;
  return session.ensureFull('Loading support for adding articles…', records);
}

async function addPicked(files) {
  ui.log.replaceChildren();
  await ensureAdding(files.map((f) => f.name));
  await library.addFiles(session.current(), files, ui);
}

async function importPicked(file) {
  ui.log.replaceChildren();
  const entries = await library.readExport(file, ui);
  if (!entries) return;
  if (entries.length) await ensureAdding(entries.map((e) => e.name));
  await library.importEntries(session.current(), entries, ui);
  if (entries.corrections.length) {
    const r = await hooks.importCorrections(entries.corrections);
    library.report(ui.log, `Imported ${plural(r.added, 'correction')}${r.refused ? `, ${r.refused} malformed ones refused` : ''}.`, r.refused > 0);
  }
}

/**
 * The saved articles (IndexedDB) join the built-in ones; switching to the
 * full core restores them into it. Resolves to true when some were restored.
 */
export async function restoreSaved() {
  const records = await library.storedRecords(ui);
  if (records?.length) {
    try {
      if (!(await ensureAdding(records.map((r) => r.name), records))) await library.restore(session.current(), ui, records);
    } catch (err) {
      library.report(ui.log, `Your saved articles could not be loaded: ${err?.message ?? err}`, true);
    }
  }
  performance.mark('library-restored'); // for profiling
  noteCorrections((await library.storedCorrections()).length);
  return Boolean(records?.length) || hasCorrections;
}

function removeAll() {
  const mine = added().map((a) => a.id);
  if (!mine.length || !confirm(`Remove all ${mine.length} articles you added? Export them first to keep a copy.`)) return;
  task(async () => {
    await library.removeAll(session.current(), mine);
    ui.log.replaceChildren();
    library.report(ui.log, `Removed ${plural(mine.length, 'article')}.`);
  });
}

/** Remove article `id`; the log offers Undo, which puts its saved record back. */
function removeOne(id) {
  task(async () => {
    const record = await library.removeOne(session.current(), id);
    const title = record?.name ?? id;
    if (!record) {
      library.report(ui.log, `Removed ${title}.`);
      return;
    }
    library.reportWithAction(ui.log, `Removed ${title}.`, 'Undo', (line, button) => {
      const started = task(async () => {
        const r = await library.putBack(session.current(), record, ui);
        line.replaceChildren(r.added ? `Put back ${title}.` : `${title} could not be put back.`);
      });
      if (!started) button.disabled = false; // another task is running: Undo stays offered
    });
  });
}

/** Remove a saved record that could not be loaded (asks first: it cannot be undone). */
function forgetOne(id) {
  const rec = library.unrestored().find((r) => r.id === id);
  if (!rec || !confirm(`Delete the saved copy of ${rec.name}? Export first to keep it.`)) return;
  task(async () => {
    await library.forget(id);
    library.report(ui.log, `Deleted the saved copy of ${rec.name}.`);
  });
}

function onListClick(e) {
  const target = e.target instanceof Element ? e.target : null;
  const remove = target?.closest('[data-remove]')?.dataset.remove;
  if (remove) removeOne(remove);
  const forget = target?.closest('[data-forget]')?.dataset.forget;
  if (forget) forgetOne(forget);
}

/** Dropping files anywhere on the page adds them. */
function wireDrop() {
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  window.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    depth += 1;
    els.dropOverlay.hidden = false;
  });
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) els.dropOverlay.hidden = true;
  });
  window.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  window.addEventListener('drop', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth = 0;
    els.dropOverlay.hidden = true;
    const files = [...e.dataTransfer.files];
    if (files.length) task(() => addPicked(files));
  });
}

/**
 * Enable the controls. `refresh()` redraws after a task (the articles
 * changed); `importCorrections(list)` adds an import file's corrections.
 */
export function wire(options) {
  hooks = { ...hooks, ...options };
  els.fileInput.disabled = false;
  els.importInput.disabled = false;
  els.fileInput.addEventListener('change', () => {
    const files = [...els.fileInput.files];
    els.fileInput.value = '';
    if (files.length) task(() => addPicked(files));
  });
  els.importInput.addEventListener('change', () => {
    const [file] = els.importInput.files;
    els.importInput.value = '';
    if (file) task(() => importPicked(file));
  });
  els.exportButton.addEventListener('click', () => task(async () => {
    const n = await library.exportAll();
    library.report(ui.log, `Exported ${plural(n, 'article')} to my-articles.json.`);
  }));
  els.removeAll.addEventListener('click', removeAll);
  els.results.addEventListener('click', onListClick);
  wireDrop();
}
