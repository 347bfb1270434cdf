// Service worker: precaches the whole site on first visit and serves it
// cache-first, so the explorer works offline. A large corpus's text shards
// (text/, named by their checksum) are not precached: each is kept once
// fetched, so the articles read online stay readable offline. The cache is named after the
// build; a new build installs into a new cache and deletes the old one, so
// pages never mix files from two builds. (tools/finalize.mjs fills in the
// build id and the file list.)
const BUILD_ID = '__BUILD_ID__';
const PRECACHE = __PRECACHE__;
const CACHE = `article-explorer-${BUILD_ID}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('article-explorer-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
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
