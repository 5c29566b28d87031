// A tiny static file server for the built site (dist/), used by Playwright's
// webServer. It listens on a free localhost port (or $PORT) and prints
// "serving dist on port N" once ready, which the config waits for.
//
//   node tests/e2e/serve.mjs dist                  the site at /
//   node tests/e2e/serve.mjs dist --cors --under /course/playground/
//     also at /course/playground/ (a course site's sub-path), and with
//     `Access-Control-Allow-Origin: *`, as a CDN sends it: the playground's
//     second origin for the embedding specs (embed.spec.mjs).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { cors: { type: 'boolean', default: false }, under: { type: 'string', multiple: true, default: [] } },
});
const root = resolve(positionals[0] ?? join(fileURLToPath(new URL('.', import.meta.url)), '../../dist'));
// Sub-paths the site is also served under, each ending in "/".
const prefixes = flags.under.map((p) => (p.endsWith('/') ? p : `${p}/`));
try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`${root}/index.html is missing: build the site first (make build-release)`);
  process.exit(1);
}

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const server = createServer(async (req, res) => {
  const cors = flags.cors ? { 'access-control-allow-origin': '*' } : {};
  try {
    let path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (prefix) path = path.slice(prefix.length - 1);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403, cors).end('forbidden');
      return;
    }
    if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      ...cors,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain', ...cors }).end('not found');
  }
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`serving ${root} on port ${server.address().port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
