#!/usr/bin/env node
// A static file server for the page: `/` is www/, `/pkg/` is the built
// package. Used by `npm start` and by the browser tests.
//   node scripts/serve.mjs [--port N]    (default 8080, or $PORT; the next free port if taken)
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.fhrs': 'application/octet-stream',
};

/** Maps a URL path to a file under www/ or pkg/, or null when outside them. */
export function fileFor(urlPath, mounts = { '/pkg/': join(root, 'pkg'), '/': join(root, 'www') }) {
  let path;
  try {
    path = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  for (const [prefix, dir] of Object.entries(mounts)) {
    if (!path.startsWith(prefix)) continue;
    let rel = path.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = resolve(dir, normalize(rel));
    return file.startsWith(resolve(dir) + sep) ? file : null;
  }
  return null;
}

/** Starts the server; resolves to { url, close() }. Port 0 picks a free port. */
export function serve({ port = 8080, host = '127.0.0.1', mounts } = {}) {
  const server = createServer((req, res) => {
    const file = fileFor(req.url || '/', mounts);
    let st;
    try {
      st = file && statSync(file);
    } catch {
      st = null;
    }
    if (!st || !st.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'content-length': st.size,
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    const tryPort = (p, left) => {
      server.once('error', (e) => (e.code === 'EADDRINUSE' && left > 0 ? tryPort(p + 1, left - 1) : fail(e)));
      server.listen(p, host, () => {
        const { port: actual } = server.address();
        ok({ url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actual}/`, close: () => new Promise((c) => server.close(c)) });
      });
    };
    tryPort(port, port === 0 ? 0 : 20);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf('--port');
  const port = Number(i > 0 ? process.argv[i + 1] : process.env.PORT || 8080);
  const { url } = await serve({ port });
  console.log(`fahras is running at ${url}  (Ctrl+C to stop)`);
}
