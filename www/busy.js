// The busy bar: long work in the core's worker (building the tables, adding
// or importing files, loading the text) shows what it does, how far it is,
// and a Cancel button, which stops the worker (../session.js cancel()). One
// job at a time; a short job never shows the bar at all.
import { byIds } from './dom.js';

const SHOW_AFTER_MS = 200;
const els = byIds({ bar: 'busy', label: 'busy-label', progress: 'busy-progress', cancel: 'busy-cancel' });
let job = null; // the job on the bar
let onCancel = () => {};

/** What Cancel does (the session's cancel()). */
export function wire(cancel) {
  onCancel = cancel;
  els.cancel.addEventListener('click', () => {
    if (!job) return;
    job = null;
    els.bar.hidden = true;
    onCancel();
  });
}

/**
 * Start job `label`: returns { update(done, total, label?), end() }. The bar
 * appears if the job is still running after a moment.
 */
export function begin(label) {
  const mine = {};
  job = mine;
  els.label.textContent = label;
  els.progress.removeAttribute('value'); // indeterminate until the first update
  const timer = setTimeout(() => {
    if (job === mine) els.bar.hidden = false;
  }, SHOW_AFTER_MS);
  mine.update = (done, total, text = label) => {
    if (job !== mine) return;
    els.progress.max = Math.max(1, total);
    els.progress.value = done;
    els.label.textContent = `${text} ${done} of ${total}`;
  };
  mine.end = () => {
    clearTimeout(timer);
    if (job !== mine) return;
    job = null;
    els.bar.hidden = true;
  };
  return mine;
}

/** Run `work(job)` as job `label`; the bar goes away however it ends. */
export async function during(label, work) {
  const j = begin(label);
  try {
    return await work(j);
  } finally {
    j.end();
  }
}
