// What the end-to-end tests and `make bench` share: the static server for
// the built site, and how Chromium is launched on these machines.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

// The flags ../shared/setup-notes.md lists for headless Debian Chromium
// (Playwright adds --headless and a fresh --user-data-dir itself).
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/**
 * Runs in the page: the body's markup with the state that lives in DOM
 * properties (the editor's program, the chosen options, the ticked boxes)
 * written into it as attributes, so that the markup alone shows the page as
 * it stands. scripts/draw-opening.mjs writes this into index.html; the
 * specs compare it with what the playground draws.
 */
export function bodyAsDrawn() {
  for (const el of document.querySelectorAll('textarea')) el.textContent = el.value;
  for (const el of document.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
  for (const el of document.querySelectorAll('input')) {
    if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
    else el.setAttribute('value', el.value);
  }
  return document.body.innerHTML;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // application/wasm lets Chromium compile the module while it downloads.
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * Serves the site in `dir` on 127.0.0.1 (`port` 0: a free one) and resolves
 * to { url, port, log, close }.
 *
 * Files go out uncompressed with `no-store`, so the bytes Chromium records
 * are the files' own (the benchmark gzips them itself, one fixed way).
 * `log` gets every request answered, which shows requests Chromium makes on
 * its own too. `cors` adds `Access-Control-Allow-Origin: *`, as a CDN sends
 * it; `under` lists sub-paths (ending in "/") the site is also served
 * under, as on a course site (`/course/playground/`). `pages` maps paths to
 * functions of the request URL that return the HTML of a page served there
 * (pages of a host site, for the embedding specs), ahead of the files.
 */
export async function serveSite(dir, { port = 0, cors = false, under = [], pages = {} } = {}) {
  const root = resolve(dir);
  const allow = cors ? { 'access-control-allow-origin': '*' } : {};
  const log = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let path = decodeURIComponent(url.pathname);
    if (Object.hasOwn(pages, path)) {
      let page;
      try {
        page = { status: 200, type: TYPES['.html'], body: Buffer.from(await pages[path](url)) };
      } catch (error) {
        page = { status: 500, type: 'text/plain', body: Buffer.from(String(error)) };
      }
      res.writeHead(page.status, { 'content-type': page.type, 'cache-control': 'no-store', ...allow });
      res.end(req.method === 'HEAD' ? undefined : page.body);
      log.push({ path, status: page.status, bytes: page.body.length });
      return;
    }
    const prefix = under.find((p) => path.startsWith(p));
    if (prefix) path = path.slice(prefix.length - 1);
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
        ...allow,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      status = 404;
      res.writeHead(404, { 'content-type': 'text/plain', ...allow }).end('not found');
    }
    log.push({ path, status, bytes: body?.length ?? 0 });
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const bound = server.address().port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    log,
    close: () => new Promise((ok) => server.close(ok)),
  };
}
