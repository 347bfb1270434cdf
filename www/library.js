// "Your articles": add files (drop or pick), import/export, remove. The core
// parses and indexes; this module reads files, reports, and persists.
import { h } from './dom.js';
import * as storage from './storage.js';
import { allText } from './text.js';

const CHUNK = 20;
export const EXPORT_FORMAT = 'article-explorer-articles';

/** Read File objects as { name, bytes }. */
async function readFiles(files) {
  return Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** Files too large to be an article even as UTF-16 are not read at all (the core refuses more than 5 MB of text). */
const UNREAD_ABOVE = 10 * 1024 * 1024;
function tooLarge(files) {
  return [...files].filter((f) => f.size > UNREAD_ABOVE);
}

/**
 * Add { name, bytes } entries through the core, in chunks, persisting each
 * article that went in. `ui`: { progress, log }. Returns { added, failed }.
 */
export async function addEntries(core, entries, ui, { persist = true } = {}) {
  let added = 0;
  let failed = 0;
  if (!entries.length) return { added, failed };
  // The index is rebuilt over every article: a sharded corpus needs all its text.
  await allText(core);
  ui.progress.max = entries.length;
  ui.progress.value = 0;
  ui.progress.hidden = entries.length < 2;
  for (let i = 0; i < entries.length; i += CHUNK) {
    const chunk = entries.slice(i, i + CHUNK);
    let results;
    try {
      results = core.addFiles(chunk);
    } catch (err) {
      results = chunk.map((e) => ({ name: e.name, error: `${e.name}: ${err?.message ?? err}` }));
    }
    for (const r of results) {
      if (r.error) {
        failed += 1;
        report(ui.log, r.error, true);
        continue;
      }
      if (persist) {
        try {
          await storage.save({ id: r.id, name: r.name, text: r.text });
        } catch (err) {
          // Keep memory and storage in step: what cannot be saved is taken out again.
          try { core.removeArticle(r.id); } catch { /* already gone */ }
          failed += 1;
          report(ui.log, `${r.name}: could not be saved (${err?.message ?? err}); nothing stored earlier was affected`, true);
          continue;
        }
      }
      added += 1;
    }
    ui.progress.value = Math.min(entries.length, i + chunk.length);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let the page paint
  }
  ui.progress.hidden = true;
  return { added, failed };
}

export function report(log, message, isError = false) {
  log.hidden = false;
  log.append(h('li', { class: isError ? 'error' : 'ok' }, message));
}

/**
 * True when adding files named `names` needs a core other than `core`: one
 * that can add articles at all (the page's first module cannot), or read HTML.
 */
export function needsFullCore(core, names) {
  if (!names.length) return false;
  const info = core.info();
  return !info.add || (!info.html && names.some((n) => /\.html?$/i.test(n)));
}

/** Files from a drop or a picker. */
export async function addFiles(core, files, ui) {
  const big = tooLarge(files);
  for (const f of big) report(ui.log, `${f.name}: larger than the 5 MB limit (not read)`, true);
  const entries = await readFiles([...files].filter((f) => !big.includes(f)));
  const r = await addEntries(core, entries, ui);
  r.failed += big.length;
  report(ui.log, `${r.added} article${r.added === 1 ? '' : 's'} added${r.failed ? `, ${r.failed} refused` : ''}.`, r.failed > 0 && r.added === 0);
  return r;
}

/** What IndexedDB holds, or null when it cannot be read (said in the log). */
export async function storedRecords(ui) {
  try {
    return await storage.loadAll();
  } catch (err) {
    report(ui.log, `Your saved articles could not be read: ${err?.message ?? err}`, true);
    return null;
  }
}

/**
 * Re-add what IndexedDB holds (at start-up, or into a newly loaded core);
 * `records` when the caller has already read them.
 */
export async function restore(core, ui, records = undefined) {
  records ??= await storedRecords(ui);
  if (!records) return { added: 0, failed: 0 };
  const enc = new TextEncoder();
  const entries = records.map((r) => ({ name: r.name, bytes: enc.encode(r.text) }));
  return addEntries(core, entries, ui, { persist: false });
}

/** Remove one added article from the core and from storage. */
export async function removeOne(core, id) {
  await allText(core);
  core.removeArticle(id);
  await storage.remove(id);
}

/** Remove every added article. */
export async function removeAll(core, ids) {
  for (const id of ids) await removeOne(core, id);
}

/** The reader's stored corrections (none when IndexedDB is unavailable). */
export async function storedCorrections() {
  try {
    return await storage.loadCorrections();
  } catch {
    return [];
  }
}

/** Keep the reader's corrections (in memory only when IndexedDB is unavailable). */
export async function keepCorrections(list) {
  try {
    await storage.saveCorrections(list);
  } catch {
    // no IndexedDB: they last until the page is closed
  }
}

/** Download every added article, and the corrections, as one JSON file. */
export async function exportAll() {
  const records = await storage.loadAll();
  const corrections = await storedCorrections();
  const payload = {
    format: EXPORT_FORMAT,
    version: 1,
    articles: records.map(({ id, name, text }) => ({ id, name, text })),
    corrections,
  };
  const blob = new Blob([JSON.stringify(payload, null, 1)], { type: 'application/json' });
  const a = h('a', { href: URL.createObjectURL(blob), download: 'my-articles.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  return records.length;
}

/** Read an export file into { name, bytes } entries (null if it is not one). */
export async function readExport(file, ui) {
  let payload;
  try {
    payload = JSON.parse(await file.text());
  } catch {
    report(ui.log, `${file.name}: not a JSON export of articles`, true);
    return null;
  }
  if (payload?.format !== EXPORT_FORMAT || !Array.isArray(payload.articles)) {
    report(ui.log, `${file.name}: not an article-explorer export (format ${EXPORT_FORMAT} expected)`, true);
    return null;
  }
  const enc = new TextEncoder();
  const entries = payload.articles
    .filter((a) => a && typeof a.name === 'string' && typeof a.text === 'string')
    .map((a) => ({ name: a.name, bytes: enc.encode(a.text) }));
  entries.corrections = Array.isArray(payload.corrections) ? payload.corrections : [];
  return entries;
}

/** Add the entries of an export file. */
export async function importEntries(core, entries, ui) {
  const r = await addEntries(core, entries, ui);
  report(ui.log, `Imported ${r.added} article${r.added === 1 ? '' : 's'}${r.failed ? `, ${r.failed} refused` : ''}.`);
  return r;
}
