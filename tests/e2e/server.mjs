// A small static server for the e2e tests' "foreign sites": the fixtures in pages/, React's UMD
// builds under /vendor/, and a temp copy of saved real pages under /real/. Headers per path
// (Content-Security-Policy for the CSP tests and the real pages) come from `headersFor(path)`.
// Listens on 127.0.0.1 only; `close()` stops it.

import http from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** mounts: [[urlPrefix, folder]] (first match wins); files: { urlPath: file }. */
export function startServer({ mounts, files = {}, headersFor = () => ({}) }) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = files[pathname];
    if (!file) {
      for (const [prefix, dir] of mounts) {
        if (!pathname.startsWith(prefix)) continue;
        const rel = pathname.slice(prefix.length) || 'index.html';
        const full = path.resolve(dir, rel);
        if (full.startsWith(path.resolve(dir) + path.sep)) file = full;
        break;
      }
    }
    let stat;
    try {
      stat = file && statSync(file);
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
      ...headersFor(pathname),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
