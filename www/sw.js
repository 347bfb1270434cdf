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
// - the old cache is deleted on activation, when no page needs it any more.
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

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

/** Delete every other build's cache (no page uses them once this worker is active). */
async function dropOldCaches() {
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith('article-explorer-') && k !== CACHE).map((k) => caches.delete(k)));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(dropOldCaches().then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
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
