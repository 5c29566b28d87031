// Part of Trunk's post_build hook (scripts/post-build), for release builds:
// draws the page's opening view into index.html, so that a first visit
// shows the playground at once without fetching the wasm (docs/size.md).
//
// The drawing is made by the playground itself: the staged site is opened
// in headless Chromium, as a first visitor opens it, and the body it drew is
// written into index.html, with the state that lives in DOM properties
// (the program in the editor, the chosen options) written as attributes.
// www/opening.js and www/tensor-playground.js then decide, in the browser,
// whether the drawing stands and when the playground takes over.
//
//   TRUNK_STAGING_DIR=dist node scripts/draw-opening.mjs
import { chromium } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CHROMIUM, bodyAsDrawn, serveSite } from '../tests/e2e/site.mjs';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('draw-opening: TRUNK_STAGING_DIR is not set (run by scripts/post-build)');
  process.exit(2);
}
const file = join(staging, 'index.html');
const page = await readFile(file, 'utf8');

const PAGE_BODY = /<body data-tensor-playground-page><\/body>/;
const WASM_PRELOAD = /<link [^>]*href=\.\/playground_bg\.wasm[^>]*>/;
if (!PAGE_BODY.test(page) || !WASM_PRELOAD.test(page)) {
  throw new Error(`draw-opening: ${file} is not the page Trunk writes (an empty page body and the wasm preload)`);
}

const { body, opening, session } = await drawOpening(staging);
// Replacements are functions, so a `$` in the page is never read as a pattern.
const drawnPage = page
  // opening.js preloads the wasm itself, when the drawing does not stand.
  .replace(WASM_PRELOAD, '')
  // Before <title>, so before opening.js, which reads it. The opening
  // program's session comes too: the playground takes over the drawing
  // with it, and needs neither the interpreter nor a worker until the
  // learner changes something (`<` escaped: nothing in it can end the script).
  .replace(
    '<title>',
    () =>
      `<meta name=tp-opening content="${escape(opening)}">` +
      `<script type="application/json" id="tp-opening-session">${session.replace(/</g, '\\u003c')}</script><title>`,
  )
  .replace(PAGE_BODY, () => `<body data-tensor-playground-page data-tp-drawn>${body}</body>`);
if (!/<meta name=tp-opening[^>]*><script type="application\/json" id="tp-opening-session">[^<]*<\/script><title>.*<script src=[^>]*opening\.js/s.test(drawnPage)) {
  throw new Error('draw-opening: index.html does not load opening.js after its <title>');
}
await writeFile(file, drawnPage);
console.log(`draw-opening: drew the opening view into ${file} (${body.length} bytes)`);

async function drawOpening(dir) {
  const server = await serveSite(dir);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext();
    const tab = await context.newPage();
    const problems = [];
    tab.on('pageerror', (e) => problems.push(String(e)));
    tab.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await tab.goto(server.url);
    await tab.locator('[role="gridcell"]').first().waitFor();
    // The lesson list arrives by fetch.
    await tab.locator('[data-testid="lesson-list"] li').first().waitFor();
    await tab.waitForLoadState('networkidle');
    if (problems.length) throw new Error(`draw-opening: the page reported errors: ${problems.join('; ')}`);
    if (await tab.evaluate(() => document.documentElement.attributes.length !== 1)) {
      throw new Error('draw-opening: the playground set attributes on <html>, which the drawing would not carry');
    }
    const opening = await tab.getByTestId('code').inputValue();
    // The session of the program drawn, as the worker sent it (JSON: a
    // value JSON cannot hold, NaN say, would make the page run the program
    // itself instead, which is merely slower; a grid's values are bytes, a
    // Uint8Array, written as an array of numbers).
    const session = await tab.evaluate(async () =>
      JSON.stringify((await import('./playground.js')).drawnSession(), (_, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)),
    );
    if (!session || !session.includes('"source"')) throw new Error('draw-opening: the page has no session to write');
    return { body: await tab.evaluate(bodyAsDrawn), opening, session };
  } finally {
    await browser.close();
    await server.close();
  }
}

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
