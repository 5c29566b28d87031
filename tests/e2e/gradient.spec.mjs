// The gradient view (issue 15, README "The gradient view", contract section 7
// and the README's DOM hooks): with the toggle on, pointing at or pinning an
// output element writes on each source cell the derivative of that element
// with respect to it, tints it by sign and size, and says it in words.
//
// Every expected derivative comes from real PyTorch: the committed lineage
// goldens (tests/golden/lineage.json, made by tests/golden/lineage.py with
// torch.autograd.grad), never from the playground.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { open, grid, cell, settled } from './helpers.mjs';

const GOLDEN = JSON.parse(readFileSync(new URL('../golden/lineage.json', import.meta.url), 'utf8'));

/** A golden case by name, with its derivatives by output element and source. */
function golden(name) {
  const c = GOLDEN.cases.find((x) => x.name === name);
  if (!c) throw new Error(`no golden case ${name}`);
  return c;
}

/** The derivatives PyTorch gave for output element `flat` of a case: { "t@1,2": value }. */
function derivatives(c, flat) {
  return Object.fromEntries(c.grads[flat].map(([leaf, index, grad]) => [`${leaf}@${index.join(',')}`, grad]));
}

/**
 * The differentiable leaf elements output element `flat` of a case was
 * computed from, as "t@1,2" (its lineage sources, for a case of kind
 * "sources"; a case of kind "grads" lists only nonzero derivatives, so its
 * sources are given by the test).
 */
function sources(c, flat) {
  return c.elements[flat]
    .filter(([leaf]) => c.differentiable.includes(leaf))
    .map(([leaf, index]) => `${leaf}@${index.join(',')}`);
}

/**
 * Each cell of the leaf grids that carries `data-grad`, as { "t@1,2": number },
 * and the classes of the box under it.
 */
async function shown(page, leaves) {
  const out = {};
  for (const leaf of leaves) {
    const found = await grid(page, leaf).getByRole('gridcell').evaluateAll((cells) =>
      cells.filter((c) => c.hasAttribute('data-grad')).map((c) => [c.dataset.index, c.dataset.grad]),
    );
    for (const [index, text] of found) out[`${leaf}@${index}`] = text;
  }
  return out;
}

/** The cell text a derivative should read as, within its written precision. */
function close(text, want) {
  const got = Number.parseFloat(text);
  if (Number.isNaN(want)) return Number.isNaN(got);
  // Four decimals, or three significant digits in scientific notation.
  return Math.abs(got - want) <= 5e-5 + 5e-3 * Math.abs(want);
}

/**
 * Expects the derivatives on the page's leaf cells to be PyTorch's, cell for
 * cell: on the sources `fed` (by default the case's), and on no other cell.
 */
async function expectDerivatives(page, c, flat, fed = sources(c, flat)) {
  const want = derivatives(c, flat);
  const leaves = c.differentiable;
  await expect.poll(async () => Object.keys(await shown(page, leaves)).sort()).toEqual(fed.slice().sort());
  const got = await shown(page, leaves);
  for (const key of fed) {
    expect(close(got[key], want[key]), `${key}: the cell shows ${got[key]}, PyTorch gives ${want[key]}`).toBe(true);
  }
}

async function toggleOn(page) {
  const toggle = page.getByTestId('gradient-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('gradient-legend')).toHaveAttribute('data-status', 'ready');
}

test('pointing at an output element writes PyTorch\'s derivative on each source', async ({ page }) => {
  const c = golden('exp_then_sum');
  await open(page, c.program);
  await toggleOn(page);
  const out = grid(page, 't.exp().sum(dim=1)');
  for (const flat of [1, 2]) {
    await out.locator(`[data-index="${flat}"]`).hover();
    await expectDerivatives(page, c, flat);
  }
  // The step on the way shows its own derivatives (d sum / d exp = 1 each),
  // and no cell of another row carries one.
  await expect(grid(page, 't.exp()').locator('[data-grad]')).toHaveCount(4);
  await expect(grid(page, 't').locator('[data-index^="0,"][data-grad]')).toHaveCount(0);
  // Leaving the cell clears them; the view stays on.
  await page.locator('.tp-tagline').hover();
  await expect(page.locator('[data-grad]')).toHaveCount(0);
});

test('a product: each source row and column, with signs, as autograd gives them', async ({ page }) => {
  const c = golden('matmul');
  await open(page, c.program);
  await toggleOn(page);
  const out = grid(page, 't @ m');
  for (const flat of [0, 5]) {
    const index = [Math.floor(flat / 2), flat % 2].join(',');
    await out.locator(`[data-index="${index}"]`).click();
    await expectDerivatives(page, c, flat);
    // Negative and positive derivatives are told apart by the tint class.
    const want = derivatives(c, flat);
    for (const key of sources(c, flat)) {
      const [leaf, at] = key.split('@');
      const shownAs = await cell(page, leaf, at).evaluate((el) => el.dataset.grad);
      expect(shownAs.startsWith('-'), `${key}: ${shownAs}`).toBe(want[key] < 0 || Object.is(want[key], -0));
      const tint = await grid(page, leaf).evaluate((g, key) => {
        const c = g.querySelector(`[data-index="${key}"]`).getBoundingClientRect();
        const [x, y] = [c.left + c.width / 2, c.top + c.height / 2];
        const box = [...g.querySelectorAll('.tp-mark.tp-grad')].find((b) => {
          const r = b.getBoundingClientRect();
          return r.left <= x && x <= r.right && r.top <= y && y <= r.bottom;
        });
        return box ? [...box.classList].find((k) => /^tp-g[pn0]/.test(k)) : null;
      }, at);
      expect(tint, `${key}: the tint under the cell`).toMatch(want[key] > 0 ? /^tp-gp[1-4]$/ : /^tp-gn[1-4]$/);
    }
    await out.locator(`[data-index="${index}"]`).click();
  }
});

test('a zero derivative is drawn, unlike a cell that is not a source', async ({ page }) => {
  const c = golden('prod_one_zero');
  await open(page, c.program);
  await toggleOn(page);
  // Row 0 holds one zero: d prod / d z[0, j] is zero for every j but the
  // zero's. Its sources are the row (the lane prod reduced).
  const want = derivatives(c, 0);
  await grid(page, 'z.prod(dim=1)').locator('[data-index="0"]').hover();
  await expectDerivatives(page, c, 0, ['z@0,0', 'z@0,1', 'z@0,2', 'z@0,3']);
  const zeros = ['z@0,0', 'z@0,1', 'z@0,2', 'z@0,3'].filter((k) => want[k] === 0).map((k) => k.split('@')[1]);
  expect(zeros.length).toBeGreaterThan(0);
  for (const at of zeros) {
    await expect(cell(page, 'z', at)).toHaveAttribute('data-grad', /^-?0\.$/);
  }
  // The hatched zero box lies under exactly those cells; other rows have no box at all.
  const zeroBoxes = await grid(page, 'z').locator('.tp-mark.tp-g0').count();
  expect(zeroBoxes).toBeGreaterThan(0);
  await expect(grid(page, 'z').locator('[data-index^="1,"][data-grad]')).toHaveCount(0);
});

test('a bool leaf keeps the plain highlight and is said to have no derivative', async ({ page }) => {
  const c = golden('index_mask_leaf');
  await open(page, c.program);
  await toggleOn(page);
  const result = page.getByTestId('tensor-grid').last();
  await result.getByRole('gridcell').first().hover();
  await expectDerivatives(page, c, 0);
  // The mask decided the pick: a source, without a number.
  const m = grid(page, 'm');
  await expect(m.locator('[data-source="true"]').first()).toBeAttached();
  await expect(m.locator('[data-grad]')).toHaveCount(0);
  await expect(page.getByTestId('announcer')).toContainText('m has no derivative (not a floating tensor)');
  await expect(page.getByTestId('gradient-note')).toContainText('m has no derivative');
});

test('the live region says the derivatives in words', async ({ page }) => {
  const c = golden('sum_dim0');
  await open(page, c.program);
  await toggleOn(page);
  await grid(page, 't.sum(dim=0)').locator('[data-index="2"]').hover();
  // d (sum over dim 0)[2] / d t[i, 2] = 1 for each of the 3 rows (PyTorch).
  const values = sources(c, 2).map((k) => derivatives(c, 2)[k]);
  expect(new Set(values)).toEqual(new Set([1]));
  await expect(page.getByTestId('announcer')).toContainText('d output [2] / d t = 1 for each of its 3 sources');
});

test('the view works on a 64 x 64 product: derivatives arrive, and a hover paints them at once', async ({ page }) => {
  await open(page, 't = torch.randn(64, 64, requires_grad=True)\nt @ t');
  await settled(page);
  const started = Date.now();
  await toggleOn(page);
  const took = Date.now() - started;
  test.info().annotations.push({ type: 'gradients in', description: `${took} ms` });
  const out = grid(page, 't @ t');
  await out.locator('[data-index="3,5"]').hover();
  // Row 3 and column 5 of t: 127 distinct elements (t[3, 5] is in both).
  await expect(grid(page, 't').locator('[data-grad]')).toHaveCount(127);
  // A new hover is painted in the frame it happens in: its derivatives are
  // on the cells by the next animation frame (the page only looks them up).
  const hover = (index) =>
    page.evaluate(async (index) => {
      const target = document.querySelector(`[data-testid="tensor-grid"][data-name="t @ t"] [data-index="${index}"]`);
      const start = performance.now();
      target.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r()));
      const lit = document.querySelectorAll('[data-name="t"] [data-grad]').length;
      return { ms: performance.now() - start, lit };
    }, index);
  const frame = await hover('10,20');
  expect(frame.lit).toBe(127);
  test.info().annotations.push({ type: 'hover to frame', description: `${frame.ms.toFixed(1)} ms` });
  // The same hover without the view, for comparison.
  await page.getByTestId('gradient-toggle').click();
  await hover('3,5');
  const plain = await hover('11,21');
  test.info().annotations.push({ type: 'plain hover to frame', description: `${plain.ms.toFixed(1)} ms` });
});

test('the gradient flows back step by step, one column of the drawing at a time', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const c = golden('exp_then_sum');
  await open(page, c.program);
  await toggleOn(page);
  await cell(page, 't.exp().sum(dim=1)', '1').click();
  const flow = page.getByTestId('gradient-flow');
  // Stepped by hand with reduced motion: the output, then t.exp(), then t.
  await flow.click();
  await expect(page.getByTestId('gradient-flow-caption')).toHaveText('Step 1 of 3: the gradient reaches t.exp().sum(dim=1)');
  await expect(page.locator('[data-grad]')).toHaveCount(0);
  await flow.click();
  await expect(page.getByTestId('gradient-flow-caption')).toHaveText('Step 2 of 3: the gradient reaches t.exp()');
  await expect(grid(page, 't.exp()').locator('[data-grad]')).toHaveCount(4);
  await expect(grid(page, 't').locator('[data-grad]')).toHaveCount(0);
  await flow.click();
  await expect(page.getByTestId('gradient-flow-caption')).toHaveText('Step 3 of 3: the gradient reaches t');
  await expectDerivatives(page, c, 1);
  // One more step ends it: everything shows, as before it started.
  await flow.click();
  await expect(page.getByTestId('gradient-flow-caption')).toHaveText('');
  await expectDerivatives(page, c, 1);
});

test.describe('keyboard', () => {
  test('the toggle is a button reached by Tab; arrows over the sources say each derivative', async ({ page }) => {
    const c = golden('exp_then_sum');
    await open(page, c.program);
    // Tab from the editor to the toggle, and press it with the keyboard.
    await page.getByTestId('code').click();
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      if (await page.getByTestId('gradient-toggle').evaluate((b) => b === document.activeElement)) break;
    }
    await expect(page.getByTestId('gradient-toggle')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('gradient-toggle')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('gradient-legend')).toHaveAttribute('data-status', 'ready');
    // Focus output [1] and pin it.
    const out = cell(page, 't.exp().sum(dim=1)', '1');
    await out.focus();
    await expectDerivatives(page, c, 1);
    await page.keyboard.press('Enter');
    await expect(out).toHaveAttribute('aria-selected', 'true');
    // Into t's row 1 and along it: each cell's derivative is said.
    const want = derivatives(c, 1);
    await cell(page, 't', '1,0').focus();
    for (const j of [0, 1, 2, 3]) {
      if (j > 0) await page.keyboard.press('ArrowRight');
      await expect(cell(page, 't', `1,${j}`)).toBeFocused();
      const words = await page.getByTestId('announcer').textContent();
      const m = words.match(new RegExp(`d output \\[1\\] / d t\\[1, ${j}\\] = (\\S+?)\\.? `));
      expect(m, words).not.toBeNull();
      expect(close(m[1], want[`t@1,${j}`]), `${m[1]} vs ${want[`t@1,${j}`]}`).toBe(true);
      // The pinned output's derivatives stay on the cells meanwhile.
      await expectDerivatives(page, c, 1);
    }
    // Space turns the view off again.
    await page.getByTestId('gradient-toggle').focus();
    await page.keyboard.press('Space');
    await expect(page.getByTestId('gradient-toggle')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('[data-grad]')).toHaveCount(0);
    await expect(page.getByTestId('gradient-legend')).toHaveCount(0);
  });
});

test.describe('phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

  test('a tap shows the derivatives, in numbers large enough to read', async ({ page }) => {
    const c = golden('exp_then_sum');
    await open(page, c.program);
    await page.getByTestId('gradient-toggle').tap();
    await expect(page.getByTestId('gradient-legend')).toHaveAttribute('data-status', 'ready');
    await cell(page, 't.exp().sum(dim=1)', '2').tap();
    await expectDerivatives(page, c, 2);
    const looks = await cell(page, 't', '2,1').evaluate((el) => {
      const after = getComputedStyle(el, '::after');
      const box = el.getBoundingClientRect();
      return { size: Number.parseFloat(after.fontSize), content: after.content, width: box.width, height: box.height };
    });
    expect(looks.content).toContain(await cell(page, 't', '2,1').getAttribute('data-grad'));
    expect(looks.size).toBeGreaterThanOrEqual(10);
    expect(looks.width).toBeGreaterThanOrEqual(40);
    expect(looks.height).toBeGreaterThanOrEqual(40);
    // No sideways scrolling of the page with the legend in.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
