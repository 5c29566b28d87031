// Seeing the data flow (issue 13, contract section 6): index ticks, dims
// that keep their key from grid to grid, broadcast operands drawn
// stretched, each grid's direct inputs and the arrows between them,
// heatmaps for big tensors, pointing while a pin holds, the value editor on
// its cell, and the walk-through's motion.
import { test, expect } from '@playwright/test';
import { ROWS_T, at, cell, expectMarks, grid, open, pointAway } from './helpers.mjs';

/** [data-dim, data-at, text] of a grid's index ticks, in document order. */
async function ticks(page, name) {
  return grid(page, name)
    .locator('[data-testid="index-tick"]')
    .evaluateAll((ts) => ts.map((t) => [t.dataset.dim, t.dataset.at, t.textContent]));
}

/** { dim: key } of a grid's axes. */
async function keys(page, name) {
  const pairs = await grid(page, name)
    .locator('[data-testid="axis"]')
    .evaluateAll((as) => as.map((a) => [a.dataset.dim, a.dataset.dimKey]));
  return Object.fromEntries(pairs);
}

test('every grid has index ticks along each of its dims, the text being the index', async ({ page }) => {
  await open(page, 't = torch.arange(24.).reshape(2, 3, 4)\nt.sum(dim=1)');
  const t = await ticks(page, 't');
  // Blocks t[0] and t[1] (dim 0), each with its rows (dim 1) and columns (dim 2).
  expect(t.filter(([d]) => d === '0').map(([, a]) => a)).toEqual(['0', '1']);
  expect(t.filter(([d]) => d === '1').map(([, a]) => a)).toEqual(['0', '1', '2', '0', '1', '2']);
  expect(t.filter(([d]) => d === '2').map(([, a]) => a)).toEqual(['0', '1', '2', '3', '0', '1', '2', '3']);
  for (const [, a, text] of t) expect(text).toBe(a);
  const out = await ticks(page, 't.sum(dim=1)');
  expect(out.filter(([d]) => d === '0').map(([, a]) => a)).toEqual(['0', '1']);
  expect(out.filter(([d]) => d === '1').map(([, a]) => a)).toEqual(['0', '1', '2', '3']);
  // A 0-d result has no dims, so no ticks.
  await open(page, 't = torch.arange(4.)\nt.sum()');
  await expect(grid(page, 't.sum()').locator('[data-testid="index-tick"]')).toHaveCount(0);
  await expect(grid(page, 't').locator('[data-testid="index-tick"]')).toHaveCount(4);
});

test('a dim keeps its key (letter and colour) from grid to grid, and says where it came from', async ({ page }) => {
  await open(page, 't = torch.arange(24.).reshape(2, 3, 4)\nt.sum(dim=1)');
  const t = await keys(page, 't');
  const out = await keys(page, 't.sum(dim=1)');
  expect(new Set(Object.values(t)).size).toBe(3);
  // The result's dim 0 is t's dim 0; its dim 1 is t's dim 2, and says so.
  expect(out).toEqual({ 0: t[0], 1: t[2] });
  await expect(grid(page, 't.sum(dim=1)').locator('[data-testid="axis"][data-dim="1"]')).toContainText("from t's dim 2");
  await expect(grid(page, 't').locator('[data-testid="axis"][data-dim="1"]')).toContainText('reduced');
  // Same key, same colour; another key, another colour.
  const colour = (name, dim) =>
    grid(page, name)
      .locator(`[data-testid="axis"][data-dim="${dim}"] .tp-key`)
      .evaluate((k) => getComputedStyle(k).backgroundColor);
  expect(await colour('t', 2)).toBe(await colour('t.sum(dim=1)', 1));
  expect(await colour('t', 0)).not.toBe(await colour('t', 2));
  // keepdim keeps the reduced dim as itself, size 1.
  await open(page, `${ROWS_T}\nt.sum(dim=1, keepdim=True)`);
  expect(await keys(page, 't.sum(dim=1, keepdim=True)')).toEqual(await keys(page, 't'));
  await expect(grid(page, 't.sum(dim=1, keepdim=True)').locator('[data-testid="axis"][data-dim="1"]')).toContainText('kept');
  // A transpose swaps the keys; t + t.T keeps a grid's two dims apart.
  await open(page, 't = torch.ones(2, 3)\nt.T');
  const [a, b] = [await keys(page, 't'), await keys(page, 't.T')];
  expect(b).toEqual({ 0: a[1], 1: a[0] });
  await open(page, 't = torch.ones(3, 3)\nt + t.T');
  const sum = await keys(page, 't + t.T');
  expect(sum[0]).not.toBe(sum[1]);
});

test('each grid names the grids it was computed from, and the arrows draw that graph', async ({ page }) => {
  await open(page, 't = torch.arange(12.).reshape(3, 4)\nt[0] + t[1] + t[2]');
  const inputs = await page
    .getByTestId('tensor-grid')
    .evaluateAll((gs) => gs.map((g) => [g.dataset.name, JSON.parse(g.dataset.inputs)]));
  expect(inputs).toEqual([
    ['t', []],
    ['t[0]', ['t']],
    ['t[1]', ['t']],
    ['t[0] + t[1]', ['t[0]', 't[1]']],
    ['t[2]', ['t']],
    ['t[0] + t[1] + t[2]', ['t[0] + t[1]', 't[2]']],
  ]);
  // One arrow per input: 7 of them, none of them through a grid.
  await expect(page.locator('.tp-arrows path[marker-end]')).toHaveCount(7);
  // The rows of t stand in one column, side by side with t and the sums.
  const box = (name) => grid(page, name).boundingBox();
  const [t, t0, t1, sum] = [await box('t'), await box('t[0]'), await box('t[1]'), await box('t[0] + t[1]')];
  expect(t0.x).toBeGreaterThan(t.x + t.width);
  expect(Math.abs(t1.x - t0.x)).toBeLessThan(1);
  expect(t1.y).toBeGreaterThan(t0.y + t0.height - 1);
  expect(sum.x).toBeGreaterThan(t0.x + t0.width);
});

test('a broadcast operand is drawn stretched, and pointing lights the copy a result read', async ({ page }) => {
  const mean = 't.mean(dim=1, keepdim=True)';
  const result = `t - ${mean}`;
  await open(page, `t = torch.arange(12.).reshape(3, 4)\n${result}`);
  const g = grid(page, mean);
  await expect(g).toHaveAttribute('data-shape', '3,1');
  // Its 3 real elements, and 3 copies of each along dim 1.
  await expect(g.getByRole('gridcell')).toHaveCount(3);
  const copies = g.locator('[data-broadcast-of]');
  await expect(copies).toHaveCount(9);
  expect(await copies.evaluateAll((cs) => cs.map((c) => `${c.dataset.broadcastOf}@${c.dataset.at}`))).toContain('1,0@1,2');
  for (const c of await copies.all()) {
    await expect(c).toHaveAttribute('aria-hidden', 'true');
    await expect(c).not.toHaveAttribute('tabindex');
  }
  await expect(g.locator('[data-broadcast-of="1,0"][data-at="1,2"]')).toHaveText('5.5000');
  await cell(page, result, '1,2').hover();
  await expect(g.locator('[data-broadcast-of="1,0"][data-at="1,2"]')).toHaveAttribute('data-source', 'true');
  await expect(g.locator('[data-broadcast-of][data-source="true"]')).toHaveCount(1);
  await expect(cell(page, mean, '1,0')).toHaveAttribute('data-source', 'true');
  await expect(page.getByTestId('announcer')).toContainText('broadcast along dim 1');
  await pointAway(page);
  await expect(g.locator('[data-broadcast-of][data-source="true"]')).toHaveCount(0);
});

test('a 64x64 tensor is a heatmap that fits the page, with a legend, a readout and its lineage', async ({ page }) => {
  await open(page, 't = torch.arange(4096.).reshape(64, 64)\nt.sum(dim=0)');
  const t = grid(page, 't');
  await expect(t).toHaveClass(/tp-heatmap/);
  await expect(t.getByRole('gridcell')).toHaveCount(4096);
  await expect(t.locator('.tp-legend')).toContainText('4095');
  // No sideways scrolling: the page is as wide as the window.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // Every cell keeps its value as text, for screen readers.
  await expect(cell(page, 't', '10,20')).toHaveText('6.6000e+02');
  await cell(page, 't.sum(dim=0)', '40').hover();
  await expect(grid(page, 't.sum(dim=0)').getByTestId('readout')).toHaveText('t.sum(dim=0)[40] = 131584.');
  await expect(t.getByTestId('readout')).toHaveText('64 elements lit');
  await expect(t.locator('[data-source="true"]')).toHaveCount(64);
  // The column is one band, not 64 boxes.
  await expect(t.locator('.tp-mark.source')).toHaveCount(1);
  // The keyboard moves through it as through any grid.
  await cell(page, 't', '0,0').focus();
  await page.keyboard.press('ArrowRight');
  await expect(cell(page, 't', '0,1')).toBeFocused();
  await expect(t.getByTestId('readout')).toHaveText('t[0, 1] = 1.0000e+00');
});

test('while a cell is pinned, pointing previews another, leaving returns to the pin, Escape unpins from anywhere', async ({ page }) => {
  await open(page, `${ROWS_T}\nt.sum(dim=0)`);
  await cell(page, 't.sum(dim=0)', '0').click();
  await expectMarks(page, { active: at('t.sum(dim=0)', ['0']), source: at('t', ['0,0', '1,0', '2,0']) });
  await cell(page, 't.sum(dim=0)', '2').hover();
  await expectMarks(page, { active: at('t.sum(dim=0)', ['2']), source: at('t', ['0,2', '1,2', '2,2']) });
  await expect(cell(page, 't.sum(dim=0)', '0')).toHaveAttribute('aria-selected', 'true');
  await pointAway(page);
  await expectMarks(page, { active: at('t.sum(dim=0)', ['0']), source: at('t', ['0,0', '1,0', '2,0']) });
  // Escape from the program editor, far from the grid.
  await page.getByTestId('code').focus();
  await page.keyboard.press('Escape');
  await expect(cell(page, 't.sum(dim=0)', '0')).not.toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-active="true"]')).toHaveCount(0);
});

test('the value editor opens over its own cell, and a value that is not a number is said, not dropped', async ({ page }) => {
  const code = 't = torch.tensor([[1., 2., 3.], [4., 5., 6.]])\nt.sum(dim=0)';
  await open(page, code);
  const target = cell(page, 't', '1,2');
  await target.dblclick();
  const field = page.getByLabel('new value');
  await expect(field).toBeFocused();
  const [a, b] = [await field.boundingBox(), await target.boundingBox()];
  expect(Math.abs(a.y - b.y)).toBeLessThan(2);
  expect(Math.abs(a.x - b.x)).toBeLessThan(2);
  await field.fill('abc');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: "'abc' is not a number" })).toBeVisible();
  await expect(field).toBeVisible();
  await expect(page.getByTestId('code')).toHaveValue(code);
  await field.fill('60');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('output')).toHaveText('tensor([ 5.,  7., 63.])');
  await expect(page.getByRole('alert').filter({ hasText: 'is not a number' })).toHaveCount(0);
});

test('an argmax over everything shows each element\'s flat index', async ({ page }) => {
  await open(page, 't = torch.tensor([[1, 0], [3, 2]])\nt.argmax()');
  expect(await grid(page, 't').locator('.tp-flat').allTextContents()).toEqual(['0', '1', '2', '3']);
  // Only there: an argmax along a dim does not count in flat order.
  await open(page, 't = torch.tensor([[1, 0], [3, 2]])\nt.argmax(dim=1)');
  await expect(page.locator('.tp-flat')).toHaveCount(0);
});

test.describe('the walk-through', () => {
  test('values travel into the output being filled, the running sum over it', async ({ page }) => {
    await page.goto('./#lesson=reductions&step=4');
    await expect(page.getByTestId('lesson-title')).toBeVisible();
    await page.getByTestId('reveal').click();
    await page.getByTestId('step-forward').click();
    await expect(page.getByTestId('caption')).toHaveText('output [0] = 1 + 2 + 3 = 6');
    // Three values set off from column 0, and the total 1, 3, 6 builds up.
    await expect(page.locator('.tp-chip')).toHaveCount(3);
    expect(await page.locator('.tp-chip').allTextContents()).toEqual(['1.', '2.', '3.']);
    expect(await page.locator('.tp-running-total').allTextContents()).toEqual(['', '1', '3', '6']);
  });

  test.describe('with reduced motion', () => {
    test.use({ reducedMotion: 'reduce' });
    test('nothing travels', async ({ page }) => {
      await page.goto('./#lesson=reductions&step=4');
      await page.getByTestId('reveal').click();
      await page.getByTestId('step-forward').click();
      await expect(page.getByTestId('caption')).toHaveText('output [0] = 1 + 2 + 3 = 6');
      await expect(page.locator('.tp-chip')).toHaveCount(0);
    });
  });
});
