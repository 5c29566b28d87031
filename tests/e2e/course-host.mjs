// Pages of a host site for the embedding specs, served by the suite's
// servers (serve.mjs): origin A is the suite's first server, B the second,
// which sends `Access-Control-Allow-Origin: *` and also serves the site
// under the sub-path /course/playground/, as a course site would host it.
//
// The host pages are real pages of those servers, not `page.route`
// fulfilments: Chromium's local network access checks block a fulfilled
// page (which has no address) from framing or fetching 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const A = `http://127.0.0.1:${process.env.TP_E2E_PORT}`;
export const B = `http://127.0.0.1:${process.env.TP_E2E_PORT_B}`;
/** The playground as a course site hosts it: on B, under a sub-path. */
export const PLAYGROUND = `${B}/course/playground/`;
/** An empty page on A, for a spec to build a host page in. */
export const HOST_PAGE = `${A}/host.html`;

const POLICY = /<meta http-equiv="Content-Security-Policy"[^>]*>/s;

/**
 * The example course page (the built site's examples/course-page.html) as
 * another site hosts it: its relative URLs resolved against `playground`'s
 * examples/ folder by a `<base>`, as a course site's page would write the
 * playground's addresses, and without the example's own
 * Content-Security-Policy, which is for the playground's site.
 */
export function hostedExample(example, playground) {
  if (!POLICY.test(example)) throw new Error('the example course page has no Content-Security-Policy');
  const base = new URL('examples/', new URL(playground));
  if (!/^https?:$/.test(base.protocol)) throw new Error(`not a playground address: ${playground}`);
  const attribute = base.href.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return example.replace(POLICY, '').replace('<head>', `<head>\n    <base href="${attribute}">`);
}

/** The host site's pages that serve.mjs adds to the site in `root` (see serveSite's `pages`). */
export function hostPages(root) {
  return {
    '/host.html': () =>
      '<!doctype html><html lang="en"><meta charset="utf-8"><title>A host page</title><main></main></html>',
    '/course/week-3.html': (url) =>
      hostedExample(readFileSync(join(root, 'examples/course-page.html'), 'utf8'), url.searchParams.get('playground')),
  };
}

/**
 * Opens the example course page on A with the playground's files from
 * `playground` (B's sub-path by default); resolves once its API playground
 * is mounted.
 */
export async function openHostedExample(page, playground = PLAYGROUND) {
  await page.goto(`${A}/course/week-3.html?playground=${encodeURIComponent(playground)}`);
  await page.waitForFunction(() => window.tensorPlaygroundExample?.api);
}
