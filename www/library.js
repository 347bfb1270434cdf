// "Your articles": add files (drop or pick), import/export, remove. The core
// (a remote core, ./remote.js) parses and indexes; this module reads files,
// reports, and persists. Nothing saved is dropped quietly: a stored record
// the core refuses stays stored, listed with its reason (unrestored()), and
// can be exported or removed.
import { h } from './dom.js';
import * as storage from './storage.js';
import * as busy from './busy.js';
import { allText } from './text.js';

const CHUNK = 20;
export const EXPORT_FORMAT = 'article-explorer-articles';
/** Files too large to be an article even as UTF-16 are not read at all (the core refuses more than 5 MB of text). */
const UNREAD_ABOVE = 10 * 1024 * 1024;
/** An export file larger than this is not read (about 1,000 articles of the largest size the core takes would not fit). */
export const IMPORT_LIMIT = 256 * 1024 * 1024;
/** The core refuses longer file names; said before anything is read. */
const MAX_NAME_CHARS = 255;

let notRestored = []; // stored records the core refused at the last restore: { id, name, reason }

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Read File objects as { name, bytes }. */
async function readFiles(files) {
  return Promise.all([...files].map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** Why file `f` is refused before it is read, or null. */
function refusedUnread(f) {
  if (f.size > UNREAD_ABOVE) return `${f.name}: larger than the 5 MB limit (not read)`;
  if (f.name.length > MAX_NAME_CHARS) return `${f.name.slice(0, 60)}…: the file name is longer than ${MAX_NAME_CHARS} characters`;
  return null;
}

/**
 * Add { name, bytes } entries through `core`, in chunks, persisting each
 * article that went in (the bar shows how far; Cancel stops between
 * chunks, keeping what was saved). `ui`: { log }. Returns { added, failed,
 * refused: [{ name, reason }] }.
 */
export async function addEntries(core, entries, ui, { persist = true, label = 'Adding articles…' } = {}) {
  const out = { added: 0, failed: 0, refused: [], ids: [] };
  if (!entries.length) return out;
  await busy.during(label, async (job) => {
    // The index is rebuilt over every article: a sharded corpus needs all its text.
    await allText(core, (done, total) => job.update(done, total, 'Loading the articles’ text…'));
    for (let i = 0; i < entries.length; i += CHUNK) {
      const chunk = entries.slice(i, i + CHUNK);
      let results;
      try {
        results = await core.call('addFiles', chunk);
      } catch (err) {
        if (err?.name === 'Cancelled' || err?.trap) throw err;
        results = chunk.map((e) => ({ name: e.name, error: `${e.name}: ${err?.message ?? err}` }));
      }
      for (const r of results) await keep(core, r, ui, out, persist);
      job.update(Math.min(entries.length, i + chunk.length), entries.length, label);
    }
  });
  return out;
}

/** Count, report and (with `persist`) save one of addFiles' results. */
async function keep(core, r, ui, out, persist) {
  if (r.error) {
    out.failed += 1;
    out.refused.push({ name: r.name, reason: r.error });
    if (persist) report(ui.log, r.error, true);
    return;
  }
  if (persist) {
    try {
      await storage.save({ id: r.id, name: r.name, text: r.text });
    } catch (err) {
      // Keep memory and storage in step: what cannot be saved is taken out again.
      try { await core.call('removeArticle', r.id); } catch { /* already gone */ }
      out.failed += 1;
      report(ui.log, `${r.name}: could not be saved (${err?.message ?? err}); nothing stored earlier was affected`, true);
      return;
    }
  }
  out.added += 1;
  out.ids.push(r.id);
}

export function report(log, message, isError = false) {
  log.hidden = false;
  log.append(h('li', { class: isError ? 'error' : 'ok' }, message));
}

/** A line of the log with a button: "Removed X. [Undo]". */
export function reportWithAction(log, message, label, action) {
  const button = h('button', { type: 'button', class: 'button small' }, label);
  const li = h('li', { class: 'ok' }, `${message} `, button);
  button.addEventListener('click', () => {
    if (button.disabled) return;
    button.disabled = true;
    action(li, button);
  });
  log.hidden = false;
  log.append(li);
  return li;
}

/**
 * True when adding files named `names` needs a core other than `core`: one
 * that can add articles at all (the page's first module cannot), or read HTML.
 */
export function needsFullCore(core, names) {
  if (!names.length) return false;
  const info = core.info ?? {};
  return !info.add || (!info.html && names.some((n) => /\.html?$/i.test(n)));
}

/** Files from a drop or a picker. */
export async function addFiles(core, files, ui) {
  const unread = [...files].map(refusedUnread);
  for (const reason of unread.filter(Boolean)) report(ui.log, reason, true);
  const entries = await readFiles([...files].filter((_, i) => !unread[i]));
  const r = await addEntries(core, entries, ui);
  r.failed += unread.filter(Boolean).length;
  report(ui.log, `${plural(r.added, 'article')} added${r.failed ? `, ${r.failed} refused` : ''}.`, r.failed > 0 && r.added === 0);
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

/** A stored record's text as bytes, or the reason it has none. */
function recordEntry(r) {
  if (typeof r?.name !== 'string' || typeof r?.text !== 'string') return { reason: 'the saved record is damaged (no name or text)' };
  return { entry: { name: r.name, bytes: new TextEncoder().encode(r.text) } };
}

/**
 * Re-add what IndexedDB holds (at start-up, or into a newly loaded core);
 * `records` when the caller has already read them. What the core refuses
 * stays stored and is listed by unrestored().
 */
export async function restore(core, ui, records = undefined) {
  records ??= await storedRecords(ui);
  if (!records) return { added: 0, failed: 0 };
  const entries = [];
  const failedHere = [];
  for (const r of records) {
    const { entry, reason } = recordEntry(r);
    if (entry) entries.push({ entry, record: r });
    else failedHere.push({ id: String(r?.id ?? ''), name: String(r?.name ?? r?.id ?? '(unnamed)'), reason });
  }
  const out = await addEntries(core, entries.map((e) => e.entry), ui, { persist: false, label: 'Loading your saved articles…' });
  const byName = new Map(entries.map((e) => [e.record.name, e.record]));
  notRestored = [
    ...failedHere,
    ...out.refused.map(({ name, reason }) => ({ id: String(byName.get(name)?.id ?? name), name, reason })),
  ];
  return out;
}

/** The stored records the core refused at the last restore: [{ id, name, reason }]. */
export function unrestored() {
  return notRestored;
}

/** Remove a stored record that was never restored (it is not in the core). */
export async function forget(id) {
  await storage.remove(id);
  notRestored = notRestored.filter((r) => r.id !== id);
}

/** Remove one added article from the core and from storage; resolves to its record (for Undo). */
export async function removeOne(core, id) {
  const record = await storage.load(id);
  await allText(core);
  await core.call('removeArticle', id);
  await storage.remove(id);
  return record;
}

/** Put back a removed article (Undo): its saved record goes into the core and storage again. */
export async function putBack(core, record, ui) {
  const { entry, reason } = recordEntry(record);
  if (!entry) throw new Error(reason);
  return addEntries(core, [entry], ui, { label: 'Putting the article back…' });
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

/** Download every saved article (restored or not), and the corrections, as one JSON file. */
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

/** Why export entry `a` (number `n`, from 1) cannot be imported, or null. */
function entryProblem(a, n) {
  if (!a || typeof a !== 'object' || Array.isArray(a)) return `entry ${n}: not an article (an object with a name and a text expected)`;
  if (typeof a.name !== 'string' || !a.name) return `entry ${n}: it has no name`;
  if (typeof a.text !== 'string') return `entry ${n} (${a.name.slice(0, 80)}): it has no text`;
  if (a.name.length > MAX_NAME_CHARS) return `entry ${n} (${a.name.slice(0, 60)}…): the name is longer than ${MAX_NAME_CHARS} characters`;
  return null;
}

/**
 * Read an export file into { name, bytes } entries, with `refused` (how
 * many entries were named as refused in the log) and `corrections`; null if
 * it is not an export (said in the log).
 */
export async function readExport(file, ui) {
  if (file.size > IMPORT_LIMIT) {
    report(ui.log, `${file.name}: larger than the ${IMPORT_LIMIT / 1024 / 1024} MB import limit (not read)`, true);
    return null;
  }
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
  const entries = [];
  let refused = 0;
  payload.articles.forEach((a, i) => {
    const problem = entryProblem(a, i + 1);
    if (problem) {
      refused += 1;
      report(ui.log, `${file.name}: ${problem}`, true);
    } else {
      entries.push({ name: a.name, bytes: enc.encode(a.text) });
    }
  });
  entries.refused = refused;
  entries.corrections = Array.isArray(payload.corrections) ? payload.corrections : [];
  return entries;
}

/** Add the entries of an export file (`entries.refused` were refused while reading it). */
export async function importEntries(core, entries, ui) {
  const r = entries.length ? await addEntries(core, entries, ui, { label: 'Importing articles…' }) : { added: 0, failed: 0 };
  r.failed += entries.refused ?? 0;
  report(ui.log, `Imported ${plural(r.added, 'article')}${r.failed ? `, ${r.failed} refused` : ''}.`, r.failed > 0 && r.added === 0);
  return r;
}
