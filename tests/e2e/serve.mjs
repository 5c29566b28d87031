// The built site (dist/) for Playwright's webServer: listens on a free
// localhost port (or $PORT) and prints "serving dist on port N" once ready,
// which the config waits for.
//
//   node tests/e2e/serve.mjs dist                  the site at /
//   node tests/e2e/serve.mjs dist --cors --under /course/playground/
//     also at /course/playground/ (a course site's sub-path), and with
//     `Access-Control-Allow-Origin: *`: the playground's second origin for
//     the embedding specs (embed.spec.mjs).
//
// Either way it also serves two pages of a host site (course-host.mjs):
// /host.html, an empty page for specs to build host pages in, and
// /course/week-3.html?playground=URL, the example course page as a course
// site hosts it, loading the playground from URL.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serveSite } from './site.mjs';
import { hostPages } from './course-host.mjs';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { cors: { type: 'boolean', default: false }, under: { type: 'string', multiple: true, default: [] } },
});
const root = resolve(positionals[0] ?? join(fileURLToPath(new URL('.', import.meta.url)), '../../dist'));
try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`${root}/index.html is missing: build the site first (make build-release)`);
  process.exit(1);
}

const site = await serveSite(root, {
  port: Number(process.env.PORT ?? 0),
  cors: flags.cors,
  under: flags.under.map((p) => (p.endsWith('/') ? p : `${p}/`)),
  pages: hostPages(root),
});
console.log(`serving ${root} on port ${site.port}`);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => site.close().then(() => process.exit(0)));
