// Minimal static file server for dist/ (used by `./build.sh serve` and the
// browser tests). Usage: node tools/serve.mjs DIR PORT [BASE_PATH]
// Serves DIR under BASE_PATH (default "/"), only on 127.0.0.1.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Start a server; resolves to {server, url}. */
export async function serve(dir, port = 0, base = '/') {
  let root = resolve(dir);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      let path = decodeURIComponent(url.pathname);
      if (!path.startsWith(prefix)) {
        res.writeHead(404).end('not found');
        return;
      }
      path = path.slice(prefix.length) || 'index.html';
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404).end('not found');
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
      });
      res.end(body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const { port: actual } = server.address();
  return {
    server,
    url: `http://127.0.0.1:${actual}${prefix}`,
    /** Serve another folder from now on (tests: a new deploy). */
    setRoot(dir2) { root = resolve(dir2); },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir = 'dist', port = '8000', base = '/'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port), base);
  console.log(`Serving ${dir} at ${url} (Ctrl-C to stop)`);
}
