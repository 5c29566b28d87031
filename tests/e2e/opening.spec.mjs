// The opening view drawn at build time (scripts/draw-opening.mjs, docs/size.md):
// a first visit shows the playground without fetching the wasm, the wasm
// arrives when the learner first acts, and nothing they did in between is
// lost. Other visits (a link's program, a lesson, a stored program) never
// see the drawing.
import { test, expect } from '@playwright/test';
import { bodyAsDrawn } from './site.mjs';
import { SEED, ROWS_T, cell, at, expectMarks, expectOutput } from './helpers.mjs';

const WASM = '**/playground_bg.wasm';

/** Holds the wasm back until the returned function is called. */
async function holdWasm(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const asked = [];
  await page.route(WASM, async (route) => {
    asked.push(route.request().url());
    await released;
    await route.continue();
  });
  return { release, asked };
}

/** Whether the playground has replaced the drawing. */
function awake(page) {
  return page.locator('body:not([data-tp-drawn])');
}

test('a first visit shows the opening view, drawn by the playground itself, without fetching the wasm', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('./');
  await expect(page.locator('body[data-tp-drawn]')).toBeAttached();
  await expect(page.getByTestId('code')).toHaveValue(SEED);
  await expect(cell(page, 't.argmax(dim=1)', '0')).toHaveText('3');
  await expectOutput(page, 'tensor([3, 1, 3])\n');
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((p) => p.endsWith('.wasm') || p === '/playground.js')).toEqual([]);
  const drawn = await page.evaluate(bodyAsDrawn);

  // The first sign of the learner (the pointer arriving) wakes the playground,
  // which draws exactly what was there.
  await page.locator('.tp-tagline').hover();
  await expect(awake(page)).toBeAttached();
  await expect(page.getByTestId('lesson-list').locator('li').first()).toBeAttached();
  expect(fetched).toContain('/playground_bg.wasm');
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(bodyAsDrawn)).toBe(drawn);
});

test('a cell pointed at before the wasm arrives lights up when it does', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto('./');
  await cell(page, 't.argmax(dim=1)', '2').hover();
  await expect.poll(() => wasm.asked.length).toBe(1);
  // The pointer says the page is working on it.
  await expect(page.locator('body[data-tp-drawn][data-tp-waking]')).toHaveCSS('cursor', 'progress');
  wasm.release();
  await expect(awake(page)).toBeAttached();
  await expect(page.locator('body')).not.toHaveAttribute('data-tp-waking');
  await expectMarks(page, {
    active: at('t.argmax(dim=1)', ['2']),
    source: at('t', ['2,0', '2,1', '2,2', '2,3']),
    winner: at('t', ['2,3']),
  });
});

test('the opening program is not run again when the playground wakes: its session came with the page', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('./');
  await cell(page, 't.argmax(dim=1)', '1').hover();
  await expect(awake(page)).toBeAttached();
  await expectMarks(page, {
    active: at('t.argmax(dim=1)', ['1']),
    source: at('t', ['1,0', '1,1', '1,2', '1,3']),
    winner: at('t', ['1,1']),
  });
  await page.waitForTimeout(500);
  // The interpreter is fetched only when a program must run.
  expect(fetched.filter((p) => p.endsWith('split_interpreter.wasm'))).toEqual([]);
});

test('typing before the wasm arrives is kept, with the caret, and evaluated when it does', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto('./');
  const editor = page.getByTestId('code');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(`${ROWS_T}\nt.sum(dim=`);
  await expect(page.locator('body[data-tp-drawn]')).toBeAttached();
  wasm.release();
  await expect(awake(page)).toBeAttached();
  await expect(editor).toBeFocused();
  // Typing on after the playground took over goes on where the caret was.
  await page.keyboard.type('1)');
  await expect(editor).toHaveValue(`${ROWS_T}\nt.sum(dim=1)`);
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\n');
});

test('a control changed before the wasm arrives rewrites the program when it does', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto('./');
  await page.getByTestId('op').selectOption('sum');
  wasm.release();
  await expect(awake(page)).toBeAttached();
  await expect(page.getByTestId('code')).toHaveValue(SEED.replace('t.argmax(dim=1)', 't.sum(dim=1)'));
  await expectOutput(page, 'tensor([3., 6., 9.])\n');
});

test('a cell clicked before the wasm arrives is pinned when it does', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto('./');
  await cell(page, 't.argmax(dim=1)', '1').click();
  await page.locator('.tp-tagline').hover();
  wasm.release();
  await expect(awake(page)).toBeAttached();
  await expect(cell(page, 't.argmax(dim=1)', '1')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('announcer')).toContainText('output [1] = 1');
});

test('a press that ends after the playground arrives still clicks: the drawing waits for it', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto('./');
  const lesson = page.getByTestId('lesson-list').getByRole('link').first();
  await lesson.hover();
  await page.mouse.down();
  await expect.poll(() => wasm.asked.length).toBe(1);
  const arrived = page.waitForResponse('**/playground_bg.wasm');
  wasm.release();
  await arrived;
  // Held down well past the playground's arrival, the drawing stands...
  await page.waitForTimeout(1000);
  await expect(page.locator('body[data-tp-drawn]')).toBeAttached();
  // ...and the release clicks the link pressed, which opens its lesson.
  await page.mouse.up();
  await expect(awake(page)).toBeAttached();
  await expect(page.getByTestId('lesson-progress')).toHaveText(/^1 \/ \d+$/);
});

test('edits and clicks before the wasm arrives are done again in the order they were made', async ({ page }) => {
  const wasm = await holdWasm(page);
  await page.goto('./');
  // The option first, then the program typed over: the typed program wins.
  await page.getByTestId('op').selectOption('sum');
  await page.getByTestId('code').fill(`${ROWS_T}\nt.mean(dim=0)`);
  wasm.release();
  await expect(awake(page)).toBeAttached();
  await expect(page.getByTestId('code')).toHaveValue(`${ROWS_T}\nt.mean(dim=0)`);
  await expectOutput(page, 'tensor([2., 2., 2., 2.])\n');
});

test('when the wasm fails to arrive the drawing stays, and the next action tries again', async ({ page }) => {
  let tries = 0;
  await page.route(WASM, (route) => (++tries === 1 ? route.abort() : route.continue()));
  await page.goto('./');
  await page.locator('.tp-tagline').hover();
  await expect.poll(() => tries).toBe(1);
  await expect(page.locator('body[data-tp-drawn]')).toBeVisible();
  await cell(page, 't.argmax(dim=1)', '1').hover();
  await expect(awake(page)).toBeAttached();
  // Fetched again on that action (and once only: the worker that runs the
  // programs is handed the page's compiled module, not the file).
  expect(tries).toBe(2);
  await expectMarks(page, {
    active: at('t.argmax(dim=1)', ['1']),
    source: at('t', ['1,0', '1,1', '1,2', '1,3']),
    winner: at('t', ['1,1']),
  });
});

for (const [visit, prepare, url] of [
  ['a link with its own program', async () => {}, `./#code=${encodeURIComponent(`${ROWS_T}\nt.sum(dim=0)`)}`],
  ['a lesson', async () => {}, './#lesson=reductions&step=1'],
  [
    'a visitor with a stored program of their own',
    async (page) => page.addInitScript((t) => localStorage.setItem('tensor-playground:code', t), `${ROWS_T}\nt.sum(dim=0)`),
    './',
  ],
]) {
  test(`${visit} never shows the drawing: the playground starts at once`, async ({ page }) => {
    await prepare(page);
    const wasm = await holdWasm(page);
    await page.goto(url);
    // Hidden while the wasm is on its way, and fetched without waiting for the learner.
    await expect(page.locator('body[data-tp-drawn]')).toBeHidden();
    await expect.poll(() => wasm.asked.length).toBe(1);
    wasm.release();
    await expect(awake(page)).toBeVisible();
    await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
    if (visit !== 'a lesson') await expect(page.getByTestId('code')).toHaveValue(`${ROWS_T}\nt.sum(dim=0)`);
  });
}

test('a visitor whose stored program is the opening one sees the drawing', async ({ page }) => {
  await page.addInitScript((seed) => localStorage.setItem('tensor-playground:code', seed), SEED);
  const wasm = await holdWasm(page);
  await page.goto('./');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('body[data-tp-drawn]')).toBeVisible();
  expect(wasm.asked).toEqual([]);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

  test('a cell tapped before the wasm arrives is pinned and lit when it does', async ({ page }) => {
    const wasm = await holdWasm(page);
    await page.goto('./');
    await cell(page, 't.argmax(dim=1)', '0').tap();
    await expect.poll(() => wasm.asked.length).toBe(1);
    wasm.release();
    await expect(awake(page)).toBeAttached();
    await expect(cell(page, 't.argmax(dim=1)', '0')).toHaveAttribute('aria-selected', 'true');
    await expectMarks(page, {
      active: at('t.argmax(dim=1)', ['0']),
      source: at('t', ['0,0', '0,1', '0,2', '0,3']),
      winner: at('t', ['0,3']),
    });
  });
});
