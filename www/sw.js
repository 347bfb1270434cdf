// Service worker: precaches the whole site on first visit and serves it
// cache-first, so the explorer works offline. Each build has its own cache,
// and a page only ever gets its own build's files:
// - a new build installs into its own cache and then waits; the open pages
//   keep the old worker and the old cache, so what they load later (the
//   Tables view's modules, the full core, a restarted core) is still theirs;
// - the page shows "A new version is ready"; its Reload button posts
//   'skip-waiting', and only then does the new worker take over (the page
//   reloads on controllerchange). Otherwise it takes over once no page uses
//   the old one;
// - with several pages open, one page's Reload lets the new worker take
//   over for all of them, so the worker remembers which build each page (and
//   its core's worker) was opened with, and serves each from its own build's
//   cache; a build's cache is deleted once no open page or worker uses it.
// The precache list is every file of the site but the single file and the
// text shards (tools/finalize.mjs fills it in with the build id), so a
// module or wasm loaded on demand is always in it. A large corpus's text
// shards (text/, named by their checksum) are not precached: each is kept
// once fetched. An old page asking for a shard it has not fetched yet, after
// the server already dropped it for the new build's, cannot be helped here:
// the fetch fails and the page says the text could not be loaded.
const BUILD_ID = '__BUILD_ID__';
const PRECACHE = __PRECACHE__;
const CACHE = `article-explorer-${BUILD_ID}`;

self.addEventListener('install', (event) => {
  // No skipWaiting here: a first install has no worker to wait for and
  // activates at once; an update waits for the reader (see 'message').
  event.waitUntil(caches.open(CACHE)
    .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })))));
});

// Which build each open page and worker belongs to, kept in Cache Storage
// (a service worker's memory does not outlive it, and the next build's
// worker must read what this one wrote): [client id, build id, parent id]
// triples; a dedicated worker's parent is the page that started it
// (clients.matchAll does not list dedicated workers in Chromium, so a
// worker's entry lives as long as its page).
const CLIENTS = 'article-explorer-clients';
let clientBuilds = null; // Promise<Map<string, { build, parent }>>, read once per worker life
let saving = Promise.resolve();

function builds() {
  clientBuilds ??= caches.open(CLIENTS)
    .then((c) => c.match('builds'))
    .then((r) => (r ? r.json() : []))
    .then((rows) => new Map(Array.isArray(rows)
      ? rows.filter((r) => Array.isArray(r) && r.length === 3).map((r) => [String(r[0]), { build: String(r[1]), parent: String(r[2]) }])
      : []))
    .catch(() => new Map());
  return clientBuilds;
}

/** Write the map back, one write at a time. */
function saveBuilds(map) {
  saving = saving.then(() => caches.open(CLIENTS))
    .then((c) => c.put('builds', new Response(JSON.stringify([...map].map(([id, e]) => [id, e.build, e.parent])), { headers: { 'content-type': 'application/json' } })))
    .catch(() => {});
  return saving;
}

async function remember(clientId, build, parent = '') {
  if (!clientId) return;
  const map = await builds();
  const known = map.get(clientId);
  if (known?.build === build && known.parent === parent) return;
  map.set(clientId, { build, parent });
  await saveBuilds(map);
}

/**
 * Forget closed pages, then delete every build's cache that no open page or
 * worker uses (this build's is always kept).
 */
async function dropUnusedCaches() {
  const map = await builds();
  const live = new Set((await self.clients.matchAll({ includeUncontrolled: true, type: 'all' })).map((c) => c.id));
  for (const [id, e] of [...map]) if (!live.has(id) && !live.has(e.parent)) map.delete(id);
  await saveBuilds(map);
  const used = new Set([CACHE, CLIENTS, ...[...map.values()].map((e) => `article-explorer-${e.build}`)]);
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith('article-explorer-') && !used.has(k)).map((k) => caches.delete(k)));
}

self.addEventListener('message', (event) => {
  const { type, build } = event.data ?? {};
  if (type === 'skip-waiting') self.skipWaiting();
  // A page has loaded and says its build (the page it replaced is gone by
  // now): remember it, then tidy up.
  if (type === 'loaded' && typeof build === 'string' && /^[0-9a-z]{1,64}$/.test(build)) {
    event.waitUntil(remember(event.source?.id, build).then(dropUnusedCaches));
  }
});

self.addEventListener('activate', (event) => {
  event.waitUntil(dropUnusedCaches().then(() => self.clients.claim()));
});

/**
 * The build a request belongs to: a page being opened gets this worker's
 * build; a dedicated worker gets its page's; anything else, its client's.
 * The new client is remembered with it.
 */
async function buildFor(event) {
  const { request } = event;
  const map = await builds();
  const build = request.mode === 'navigate' ? BUILD_ID : (map.get(event.clientId)?.build ?? BUILD_ID);
  // A page being opened has no parent; a worker's is the client that asked for its script.
  if (event.resultingClientId) await remember(event.resultingClientId, build, request.mode === 'navigate' ? '' : (event.clientId ?? ''));
  return build;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const build = await buildFor(event);
    const cache = (build !== BUILD_ID && await caches.has(`article-explorer-${build}`))
      ? await caches.open(`article-explorer-${build}`)
      : await caches.open(CACHE);
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    try {
      const res = await fetch(request);
      if (res.ok && new URL(request.url).pathname.includes('/text/')) await cache.put(request, res.clone());
      return res;
    } catch (err) {
      if (request.mode === 'navigate') {
        const index = await cache.match('index.html');
        if (index) return index;
      }
      throw err;
    }
  })());
});
