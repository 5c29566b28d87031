// The browser half of `make bench`: loads the built site in headless
// Chromium (Debian's /usr/bin/chromium, driven by Playwright) and measures
//   1. the bytes of a first visit, from Chromium's own network record;
//   2. the time from navigation to the first grid that answers a hover;
//   3. the time from hovering a cell to the highlight being painted, and the
//      DOM mutations that hover causes, for several tensor sizes.
// Writes everything, raw runs included, as JSON for bench/report.mjs.
//
//   node bench/page.mjs <site dir> <out.json>
import { chromium } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { CHROMIUM, serveSite } from '../tests/e2e/site.mjs';

const [site = 'target/bench/site', out = 'target/bench/page.json'] = process.argv.slice(2);

// Runs per measurement; each statistic reported is the median of these.
const LOAD_RUNS = 9;
const HOVER_RUNS = 9;
// Each slow program is typed this many times, each in a fresh page: the
// median is reported (one run on a shared machine may catch another
// process's moment).
const BUSY_RUNS = 3;

// Programs opened through `#code=`: a sum over dim 0, so hovering output
// cell [0] lights one column of the input (n cells) and hovering input
// cell [0, 0] lights one output cell.
const HOVER_CASES = [
  { name: '4x4', program: 't = torch.arange(16.).reshape(4, 4)\nt.sum(dim=0)\n', output: '0' },
  { name: '64x64', program: 't = torch.arange(4096.).reshape(64, 64)\nt.sum(dim=0)\n', output: '0' },
  { name: '256x256', program: 't = torch.arange(65536.).reshape(256, 256)\nt.sum(dim=0)\n', output: '0' },
  // The gradient view on (issue 15): each lit source also shows its
  // derivative, a tint and a number.
  {
    name: '64x64, gradient view',
    program: 't = torch.arange(4096.).reshape(64, 64).requires_grad_()\nt.sum(dim=0)\n',
    output: '0',
    gradient: true,
  },
];

// The programs of issue 17 that froze the page for seconds when programs
// ran on its main thread. They run in a worker now; what is measured is how
// long the main thread is ever busy at a stretch meanwhile (goal: under
// 50 ms), from the edit until the page shows the outcome.
const SLOW_PROGRAMS = [
  {
    name: '99 additions of a 64x64 tensor',
    program: `t = torch.ones(64, 64)\n${Array(100).fill('t').join(' + ')}\n`,
  },
  {
    name: 'len(str(x)) of a 65,536-element list, 20 times',
    program: `x = torch.arange(65536.).tolist()\n${'n = len(str(x))\n'.repeat(20)}n\n`,
  },
  { name: 'torch.arange(1048576.).tolist()', program: 'x = torch.arange(1048576.).tolist()\nlen(x)\n' },
  { name: '5,000 statements t = t[None]', program: `t = torch.ones(1)\n${'t = t[None]\n'.repeat(5000)}t.shape\n` },
];

const browser = await chromium.launch(CHROMIUM);
const server = await serveSite(site);

try {
  // BENCH_ONLY=busy measures only the slow programs, BENCH_ONLY=hover only
  // the hovers (while working on them).
  const only = process.env.BENCH_ONLY;
  const result = {
    chromium: browser.version(),
    firstVisit: only ? null : await firstVisit(),
    load: only ? null : await loadTimes(),
    hover: [],
  };
  if (!only || only === 'hover') for (const c of HOVER_CASES) result.hover.push(await hoverCase(c));
  result.busy = [];
  if (only !== 'hover') {
    for (const c of SLOW_PROGRAMS) {
      const runs = [];
      const bare = [];
      for (let i = 0; i < BUSY_RUNS; i++) {
        runs.push(await busyCase(c));
        bare.push(await barePaste(c.program));
      }
      result.busy.push({ ...runs[0], runs: runs.map((r) => r.longest), bareRuns: bare });
    }
  }
  await writeFile(out, JSON.stringify(result, null, 2));
  console.log(`bench/page.mjs: wrote ${out}`);
} finally {
  await browser.close();
  await server.close();
}

// 1. First visit -----------------------------------------------------------

// Every request Chromium makes while opening the page in a fresh context
// (empty cache), until the grid is drawn and the network has been idle for
// 500 ms: the files that a first visit really costs, including any fetched
// twice or lazily, rather than whatever happens to sit in dist/. The opening
// view is drawn into the page and the wasm waits for the learner's first
// action (docs/size.md), so then the mouse moves onto the page, and every
// request until the playground has taken over and the network is idle again
// is what that first action costs.
async function firstVisit() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const pending = [];
  const record = (request) => pending.push(describeRequest(request));
  const failed = (request) =>
    pending.push(Promise.resolve({ path: pathOf(request.url()), type: request.resourceType(), failed: request.failure()?.errorText }));
  page.on('requestfinished', record);
  page.on('requestfailed', failed);
  server.log.length = 0;
  await page.goto(server.url);
  await page.locator('[role="gridcell"]').first().waitFor();
  await page.waitForLoadState('networkidle');
  const requests = await Promise.all(pending);
  const logged = [...server.log];
  pending.length = 0;
  server.log.length = 0;
  await page.mouse.move(5, 5);
  await page.locator('body:not([data-tp-drawn])').waitFor({ state: 'attached' });
  await page.locator('[data-testid="lesson-list"] li').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 500)));
  const firstAction = await Promise.all(pending);
  await context.close();
  // The server's log also shows requests Playwright does not report (a
  // favicon, say), so nothing the page costs can go unnoticed.
  return { requests, server: logged, firstAction: { requests: firstAction, server: [...server.log] } };
}

async function describeRequest(request) {
  const response = await request.response();
  const body = await response.body();
  const sizes = await request.sizes();
  return {
    path: pathOf(request.url()),
    type: request.resourceType(),
    status: response.status(),
    raw: body.length,
    // Level 9, as `gzip -9`: what a server compressing well would send.
    gzip: gzipSync(body, { level: 9 }).length,
    headers: sizes.responseHeadersSize,
  };
}

function pathOf(url) {
  return new URL(url).pathname;
}

// 2. Navigation to the first interactive grid --------------------------------

// Runs in the page before any of its own scripts. The moment the first
// gridcell enters the DOM it dispatches to it the events a mouse arriving
// on it causes (pointer and mouse, over, enter and move, bubbling as real
// ones do), so it does not depend on which of them the page listens to, and
// again every frame until the page answers by setting data-active: that
// moment is "interactive". Times are performance.now(), i.e. milliseconds
// since the navigation started, taken inside the page so that no driver
// round trip is counted.
function watchFirstGrid() {
  const marks = (window.__bench = {});
  // The playground may replace the cells it finds drawn (docs/size.md), so
  // the answer is looked for on any cell, and every poke goes to the first
  // cell there is at that moment.
  const answer = new MutationObserver((records) => {
    if (!records.some((r) => r.target.getAttribute('data-active') === 'true')) return;
    answer.disconnect();
    marks.interactive = performance.now();
    // After the next frame's rendering work (see hover below): painted.
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (marks.painted = performance.now());
      channel.port2.postMessage(null);
    });
  });
  answer.observe(document, { attributes: true, attributeFilter: ['data-active'], subtree: true });
  const poke = () => {
    if (marks.interactive !== undefined) return;
    const cell = document.querySelector('[role="gridcell"]');
    for (const [type, bubbles] of [
      ['pointerover', true],
      ['pointerenter', false],
      ['mouseover', true],
      ['mouseenter', false],
      ['pointermove', true],
      ['mousemove', true],
    ]) {
      const Event = type.startsWith('pointer') ? PointerEvent : MouseEvent;
      cell.dispatchEvent(new Event(type, { bubbles, composed: true }));
    }
    requestAnimationFrame(poke);
  };
  const waitForCell = new MutationObserver(() => {
    if (!document.querySelector('[role="gridcell"]')) return;
    waitForCell.disconnect();
    marks.cellInDom = performance.now();
    poke();
  });
  waitForCell.observe(document, { childList: true, subtree: true });
}

// A fresh browser context per run: empty HTTP cache and storage, so every
// run is a first visit (the browser process itself stays warm).
async function loadTimes() {
  const runs = [];
  for (let i = 0; i < LOAD_RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(watchFirstGrid);
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => window.__bench?.painted !== undefined, null, { timeout: 60_000 });
    runs.push(
      await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        return {
          ...window.__bench,
          htmlReceived: nav.responseEnd,
          domContentLoaded: nav.domContentLoadedEventEnd,
          firstContentfulPaint: fcp?.startTime,
        };
      }),
    );
    await context.close();
  }
  return runs;
}

// 3. Hover to highlight painted ---------------------------------------------

// Opens one program and hovers its output cell and then its input cell
// [0, 0], HOVER_RUNS times each, with the real mouse (Chromium input
// events, hit testing and :hover included) rather than a synthetic event.
async function hoverCase({ name, program, output, gradient = false }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The page decodes its fragment as form-urlencoding, which
  // encodeURIComponent's %XX escapes satisfy.
  await page.goto(`${server.url}#code=${encodeURIComponent(program)}`);
  const grids = page.locator('[data-testid="tensor-grid"]');
  await grids.last().locator('[role="gridcell"]').first().waitFor();
  // Big grids draw their rows a piece at a time (aria-busy until done).
  await page.waitForFunction(() => !document.querySelector('[role="grid"][aria-busy="true"]'));
  if (gradient) {
    // Turned on once; the derivatives are worked out (by a worker) before
    // any hover is timed.
    await page.getByTestId('gradient-toggle').click();
    await page.locator('[data-testid="gradient-legend"][data-status="ready"]').waitFor();
  }
  const shapes = await grids.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-shape')));
  const error = await page.locator('[data-testid="error"]').count();
  if (error || shapes.length !== 2) throw new Error(`${name}: the page did not draw the program (${shapes})`);
  const cells = await page.locator('[role="gridcell"]').count();
  const outputCell = grids.last().locator(`[role="gridcell"][data-index="${output}"]`);
  const inputCell = grids.first().locator('[role="gridcell"][data-index="0,0"]');
  const result = {
    name,
    program,
    gradient,
    shapes,
    cells,
    output: await hoverRuns(page, outputCell),
    input: await hoverRuns(page, inputCell),
  };
  await context.close();
  return result;
}

async function hoverRuns(page, cell) {
  await cell.scrollIntoViewIfNeeded();
  const box = await cell.boundingBox();
  const away = await awayPoint(page);
  const runs = [];
  for (let i = 0; i < HOVER_RUNS; i++) {
    // Start from no highlight at all, with the page quiet.
    await page.mouse.move(away.x, away.y);
    await page.waitForFunction(() => !document.querySelector('[data-active]'));
    await page.evaluate(() => new Promise((ok) => setTimeout(ok, 100)));
    await page.evaluate(armHover);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    runs.push(await page.evaluate(collectHover));
  }
  return runs;
}

// The longest stretch the main thread is busy, from typing `program` into
// the editor until its outcome (output, error or the time limit's note) is
// shown: a MessageChannel pings itself as fast as the page lets it, and the
// longest gap between two pings is the longest task (to within a ping).
async function busyCase({ name, program }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}#code=${encodeURIComponent('torch.ones(2).sum()')}`);
  await page.getByTestId('output').filter({ hasText: 'tensor(2.)' }).waitFor();
  await page.evaluate(() => {
    const channel = new MessageChannel();
    let last = performance.now();
    window.__busy = { longest: 0, running: true };
    channel.port1.onmessage = () => {
      const now = performance.now();
      window.__busy.longest = Math.max(window.__busy.longest, now - last);
      last = now;
      if (window.__busy.running) channel.port2.postMessage(0);
    };
    channel.port2.postMessage(0);
  });
  const started = Date.now();
  // As a paste: the whole program at once, one input event.
  await page.getByTestId('code').evaluate((el, text) => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, program);
  const outcome = page.locator('[data-testid="halt"], [data-testid="error"], [data-testid="output"]:not(:text-is("tensor(2.)"))');
  await outcome.first().waitFor({ timeout: 60_000 });
  const seconds = (Date.now() - started) / 1000;
  const shown = (await outcome.first().textContent()).slice(0, 100);
  const longest = await page.evaluate(() => {
    window.__busy.running = false;
    return window.__busy.longest;
  });
  await context.close();
  return { name, longest, seconds, shown };
}

// The same paste into a bare textarea sized to its text as the editor is
// (a page of its own, nothing else on it): the browser's own cost of
// taking that much text, which no page using a textarea avoids.
async function barePaste(program) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent('<textarea style="width: 40rem; font: 14px monospace; field-sizing: content; max-height: 50vh"></textarea>');
  const longest = await page.evaluate(async (text) => {
    const el = document.querySelector('textarea');
    await new Promise((ok) => setTimeout(ok, 200));
    const channel = new MessageChannel();
    let last = performance.now();
    let worst = 0;
    let running = true;
    channel.port1.onmessage = () => {
      const now = performance.now();
      worst = Math.max(worst, now - last);
      last = now;
      if (running) channel.port2.postMessage(0);
    };
    channel.port2.postMessage(0);
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((ok) => setTimeout(ok, 1000));
    running = false;
    return worst;
  }, program);
  await context.close();
  return longest;
}

// A point of the viewport over no cell, to move the mouse away to.
async function awayPoint(page) {
  const point = await page.evaluate(() => {
    const w = innerWidth;
    const h = innerHeight;
    for (const [x, y] of [[2, 2], [w - 3, 2], [2, h - 3], [w - 3, h - 3]]) {
      if (!document.elementFromPoint(x, y)?.closest('[role="gridcell"]')) return { x, y };
    }
    return null;
  });
  if (!point) throw new Error('no point of the viewport is free of cells');
  return point;
}

// In the page, just before the mouse moves onto the cell:
// - a MutationObserver on the whole document counts every mutation record
//   (attributes, childList and characterData), noting when each batch came;
// - capturing `pointerover` and `mouseover` listeners on `window` note when
//   the browser dispatches the hover to the page (the start of the measured
//   time: pointerover is the first event of a hover, and a capturing window
//   listener runs before any of the page's own) and the input event's
//   timestamp (when Chromium received it);
// - a frame loop notes, every frame, the moment that frame's rendering work
//   (style, layout, paint) is done: a message posted from a
//   requestAnimationFrame callback is delivered only after the rendering
//   step that follows the callbacks, so its arrival time is "painted".
function armHover() {
  const s = (window.__hover = { types: {}, batches: [], frames: [], dispatch: null, inputStamp: null, done: false });
  s.observer = new MutationObserver((records) => {
    s.batches.push(performance.now());
    for (const r of records) s.types[r.type] = (s.types[r.type] ?? 0) + 1;
  });
  s.observer.observe(document, { attributes: true, childList: true, characterData: true, subtree: true });
  s.onOver = (e) => {
    if (s.dispatch === null && e.target.closest?.('[role="gridcell"]')) {
      s.dispatch = performance.now();
      s.inputStamp = e.timeStamp;
    }
  };
  window.addEventListener('pointerover', s.onOver, true);
  window.addEventListener('mouseover', s.onOver, true);
  const channel = new MessageChannel();
  const onFrame = () => channel.port2.postMessage(null);
  channel.port1.onmessage = () => {
    s.frames.push(performance.now());
    if (!s.done) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
}

// Waits until the page has been quiet for 250 ms after the hover (so every
// mutation it caused is counted, even late ones), then reports. The
// highlight counts as painted at the end of the first frame that finished
// after the LAST mutation.
async function collectHover() {
  const s = window.__hover;
  const started = performance.now();
  const last = () => Math.max(s.dispatch ?? Infinity, ...s.batches);
  while (
    s.dispatch === null ||
    performance.now() - last() < 250 ||
    !s.frames.some((f) => f >= last())
  ) {
    if (performance.now() - started > 10_000) throw new Error('the hover was never answered');
    await new Promise((ok) => setTimeout(ok, 20));
  }
  s.done = true;
  s.observer.disconnect();
  window.removeEventListener('pointerover', s.onOver, true);
  window.removeEventListener('mouseover', s.onOver, true);
  const lastMutation = s.batches.length ? Math.max(...s.batches) : s.dispatch;
  const painted = s.frames.find((f) => f >= lastMutation);
  const lit = '[data-active="true"], [data-source="true"], [data-winner="true"], [data-target="true"]';
  return {
    inputToDispatch: s.dispatch - s.inputStamp,
    toLastMutation: lastMutation - s.dispatch,
    toPainted: painted - s.dispatch,
    mutations: Object.values(s.types).reduce((a, b) => a + b, 0),
    byType: s.types,
    highlighted: document.querySelectorAll(lit).length,
    active: document.querySelectorAll('[data-active="true"]').length,
  };
}
