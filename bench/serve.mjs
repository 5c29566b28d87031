// A static file server for the built site, inside the benchmark's own
// process, so it starts and stops with it and no other process is involved.
//
// It sends files uncompressed with `no-store`: the bytes Chromium records are
// then exactly the files' bytes, and gzip sizes are computed from them in one
// fixed way (gzip -9) rather than depending on a server's settings. It also
// logs every request it answers, to cross-check Chromium's network record
// (requests Chromium makes on its own, such as /favicon.ico, show up here).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // application/wasm lets Chromium compile the module while it downloads.
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Serves `dir` on a free 127.0.0.1 port; resolves to { url, log, close }. */
export async function serve(dir) {
  const root = resolve(dir);
  const log = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let file = normalize(join(root, path));
    let status = 200;
    let body;
    try {
      if (file !== root && !file.startsWith(root + sep)) throw new Error('outside the site');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
    log.push({ path, status, bytes: body?.length ?? 0 });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    log,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
