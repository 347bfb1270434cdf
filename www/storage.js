// Persistence of articles the user added: IndexedDB, one record per article
// { id, name, text }, each write in its own transaction so that a failure
// (a full quota, say) never takes earlier articles with it.
const DB_NAME = 'article-explorer';
const STORE = 'articles';
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
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('cannot open IndexedDB'));
    });
  }
  return dbPromise;
}

async function run(mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    let result;
    Promise.resolve(fn(tx.objectStore(STORE))).then((r) => { result = r; }, reject);
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

/** Store one article. */
export function save(record) {
  return run('readwrite', (store) => request(store.put(record)));
}

/** Delete one article. */
export function remove(id) {
  return run('readwrite', (store) => request(store.delete(id)));
}
