// Persistence of articles the user added: IndexedDB, one record per article
// { id, name, text }, each write in its own transaction so that a failure
// (a full quota, say) never takes earlier articles with it. A second store,
// "meta", keeps the reader's other work: { key: 'corrections', list }.
const DB_NAME = 'article-explorer';
const STORE = 'articles';
const META = 'meta';
let dbPromise = null;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function open() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      if (!('indexedDB' in globalThis)) {
        reject(new Error('this browser offers no IndexedDB; added articles last until the page is closed'));
        return;
      }
      const req = indexedDB.open(DB_NAME, 2);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(META)) db.createObjectStore(META, { keyPath: 'key' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('cannot open IndexedDB'));
    });
  }
  return dbPromise;
}

async function run(mode, fn, store = STORE) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    let result;
    Promise.resolve(fn(tx.objectStore(store))).then((r) => { result = r; }, reject);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Every stored article, sorted by id. */
export async function loadAll() {
  const all = await run('readonly', (store) => request(store.getAll()));
  return (all ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One stored article, or null. */
export async function load(id) {
  return (await run('readonly', (store) => request(store.get(id)))) ?? null;
}

/** Store one article. */
export function save(record) {
  return run('readwrite', (store) => request(store.put(record)));
}

/** Delete one article. */
export function remove(id) {
  return run('readwrite', (store) => request(store.delete(id)));
}

/** The reader's corrections of the entity tables (an array; empty if none). */
export async function loadCorrections() {
  const rec = await run('readonly', (store) => request(store.get('corrections')), META);
  return Array.isArray(rec?.list) ? rec.list : [];
}

/** Store the reader's corrections. */
export function saveCorrections(list) {
  return run('readwrite', (store) => request(store.put({ key: 'corrections', list })), META);
}
