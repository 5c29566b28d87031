// Contract section 3: cells, and exactly which cells light up as sources,
// winners and targets when one is pointed at. Every expectation below is
// worked out by hand from the tensors (lesson facts), not read off the page.
import { test, expect } from '@playwright/test';
import {
  SEED,
  SEED_T,
  ROWS_T,
  open,
  grid,
  grids,
  cell,
  at,
  allIndices,
  expectMarks,
  expectNoMarks,
  expected,
  marks,
  expectOutput,
  pointAway,
  lastLine,
} from './helpers.mjs';

const ROW = (i) => [0, 1, 2, 3].map((j) => `${i},${j}`);
const COLUMN = (j) => [0, 1, 2].map((i) => `${i},${j}`);

/** A rank-3 tensor of shape (2, 3, 4), with ties along dim 1. */
const CUBE_T =
  't = torch.tensor([[[3, 1, 4, 1], [5, 9, 2, 6], [5, 3, 5, 8]], [[9, 7, 9, 3], [2, 3, 8, 4], [6, 2, 6, 4]]], dtype=torch.float32)';

test('every element is a focusable gridcell with its full index and its value as text', async ({ page }) => {
  await open(page, SEED);
  const t = grid(page, 't').getByRole('gridcell');
  expect(await t.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-index')))).toEqual(allIndices([3, 4]));
  expect(await t.allTextContents()).toEqual(['1.', '0.', '0.', '2.', '0.', '3.', '3.', '0.', '4.', '0.', '0.', '5.']);
  const out = grid(page, 't.argmax(dim=1)').getByRole('gridcell');
  expect(await out.allTextContents()).toEqual(['3', '1', '3']);
  // Focusable: a tabindex on every cell (0 for the one Tab lands on, -1 for the rest).
  const tabindexes = await page
    .getByRole('gridcell')
    .evaluateAll((cs) => cs.map((c) => (c.tabIndex >= -1 && c.hasAttribute('tabindex') ? 'ok' : c.outerHTML)));
  expect(tabindexes).toEqual(Array(15).fill('ok'));
  // A 0-d tensor has one cell with the empty index.
  await open(page, `${SEED_T}\nt.argmax()`);
  await expect(cell(page, 't.argmax()', '')).toHaveText('11');
  await expect(grid(page, 't.argmax()').getByRole('gridcell')).toHaveCount(1);
});

test('each dim\'s caption points the way its index runs on screen, ranks 1 to 5', async ({ page }) => {
  for (const shape of [[3], [2, 3], [2, 2, 3], [2, 3, 2, 2], [2, 2, 3, 2, 2]]) {
    const numel = shape.reduce((a, b) => a * b, 1);
    await open(page, `t = torch.arange(${numel}).reshape(${shape.join(', ')})\nt`);
    const captions = grid(page, 't').locator('.tp-axis');
    await expect(captions).toHaveCount(shape.length);
    for (let k = 0; k < shape.length; k++) {
      const caption = await grid(page, 't').locator(`.tp-axis[data-dim="${k}"]`).textContent();
      const across = /[→⇢]/.test(caption);
      expect(across || /[↓⇣]/.test(caption), `shape ${shape}: "${caption}" has an arrow`).toBe(true);
      // The first cell, and the one a step further along dim k.
      const from = await cell(page, 't', shape.map(() => 0)).boundingBox();
      const to = await cell(page, 't', shape.map((_, j) => (j === k ? 1 : 0))).boundingBox();
      const moved = across ? [to.x > from.x, Math.abs(to.y - from.y) < 2] : [to.y > from.y, Math.abs(to.x - from.x) < 2];
      expect(moved, `shape ${shape}: "${caption}" (dim ${k}) agrees with the cells`).toEqual([true, true]);
    }
  }
});

test('a summarised grid of blocks keeps its columns across the left-out blocks', async ({ page }) => {
  // Dim 0 (down) is summarised: t[997, j] sits under t[0, j]. In the second,
  // dim 1 (across) is: t[i, 997] sits beside t[i, 2], in every row alike.
  for (const [shape, pairs] of [
    [[1000, 2, 2, 2], [[[0, 0], [997, 0]], [[0, 1], [999, 1]]]],
    [[2, 1000, 2, 2], [[[0, 0], [1, 0]], [[0, 997], [1, 997]], [[0, 999], [1, 999]]]],
  ]) {
    await open(page, `t = torch.zeros(${shape.join(', ')})\nt`);
    for (const [a, b] of pairs) {
      const left = async (outer) => (await cell(page, 't', [...outer, 0, 0]).boundingBox()).x;
      expect(await left(b), `shape ${shape}: t[${b}] is in the column of t[${a}]`).toBe(await left(a));
    }
  }
});

test('argmax(dim=1): each output lights its row as sources and the first maximum as the winner', async ({ page }) => {
  await open(page, SEED);
  await expectNoMarks(page);
  // Row 1 is [0, 3, 3, 0]: a tie, and PyTorch picks the first, t[1, 1].
  const winners = ['0,3', '1,1', '2,3'];
  for (const i of [0, 1, 2]) {
    await cell(page, 't.argmax(dim=1)', String(i)).hover();
    await expectMarks(page, {
      active: at('t.argmax(dim=1)', [String(i)]),
      source: at('t', ROW(i)),
      winner: at('t', [winners[i]]),
    });
  }
  await pointAway(page);
  await expectNoMarks(page);
});

test('pointing at an input cell marks the outputs computed from it as targets', async ({ page }) => {
  await open(page, SEED);
  await cell(page, 't', '1,2').hover();
  await expectMarks(page, { active: at('t', ['1,2']), target: at('t.argmax(dim=1)', ['1']) });
  await cell(page, 't', '2,0').hover();
  await expectMarks(page, { active: at('t', ['2,0']), target: at('t.argmax(dim=1)', ['2']) });
  await pointAway(page);
  await expectNoMarks(page);
});

test('a click pins the active cell, a second click unpins it', async ({ page }) => {
  await open(page, SEED);
  const lit = {
    active: at('t.argmax(dim=1)', ['0']),
    source: at('t', ROW(0)),
    winner: at('t', ['0,3']),
  };
  await cell(page, 't.argmax(dim=1)', '0').click();
  await pointAway(page);
  await expectMarks(page, lit);
  await cell(page, 't.argmax(dim=1)', '0').click();
  await pointAway(page);
  await expectNoMarks(page);
});

test('max(dim=1) with a tie: values and indices light up row 1 of t with t[1, 1] the winner', async ({ page }) => {
  await open(page, `${SEED_T}\nt.max(dim=1)`);
  const values = 't.max(dim=1).values';
  const indices = 't.max(dim=1).indices';
  await expect(cell(page, values, '1')).toHaveText('3.');
  await expect(cell(page, indices, '1')).toHaveText('1');
  // Row 1 of t is [0, 3, 3, 0]: PyTorch reports the first 3, t[1, 1].
  const inT = async () => {
    const m = await marks(page);
    const keep = (xs) => xs.filter((x) => x.startsWith('t@'));
    return { active: m.active, source: keep(m.source), winner: keep(m.winner), target: keep(m.target) };
  };
  await cell(page, values, '1').hover();
  await expect.poll(inT).toEqual(expected({ active: at(values, ['1']), source: at('t', ROW(1)), winner: at('t', ['1,1']) }));
  await cell(page, indices, '1').hover();
  await expect.poll(inT).toEqual(expected({ active: at(indices, ['1']), source: at('t', ROW(1)), winner: at('t', ['1,1']) }));
  await cell(page, indices, '2').hover();
  await expect.poll(inT).toEqual(expected({ active: at(indices, ['2']), source: at('t', ROW(2)), winner: at('t', ['2,3']) }));
  await cell(page, values, '0').hover();
  await expect.poll(inT).toEqual(expected({ active: at(values, ['0']), source: at('t', ROW(0)), winner: at('t', ['0,3']) }));
  // Any element of row 1 feeds both values[1] and indices[1], and nothing else.
  await cell(page, 't', '1,2').hover();
  await expectMarks(page, { active: at('t', ['1,2']), target: [...at(values, ['1']), ...at(indices, ['1'])] });
});

test('max(dim=1): values and indices are both computed from t, so neither lights the other', async ({ page }) => {
  // Contract section 3 marks only what an element was computed from, and
  // PyTorch computes both the values and the indices from t.
  await open(page, `${SEED_T}\nt.max(dim=1)`);
  const values = 't.max(dim=1).values';
  const indices = 't.max(dim=1).indices';
  await cell(page, values, '1').hover();
  await expectMarks(page, { active: at(values, ['1']), source: at('t', ROW(1)), winner: at('t', ['1,1']) });
  await cell(page, indices, '1').hover();
  await expectMarks(page, { active: at(indices, ['1']), source: at('t', ROW(1)), winner: at('t', ['1,1']) });
});

test('sum(dim=0) and sum(dim=1): columns and rows, no winners', async ({ page }) => {
  await open(page, `${ROWS_T}\nt.sum(dim=0)`);
  await expectOutput(page, 'tensor([6., 6., 6., 6.])\n');
  await cell(page, 't.sum(dim=0)', '2').hover();
  await expectMarks(page, { active: at('t.sum(dim=0)', ['2']), source: at('t', COLUMN(2)) });
  await cell(page, 't', '1,2').hover();
  await expectMarks(page, { active: at('t', ['1,2']), target: at('t.sum(dim=0)', ['2']) });

  await page.getByTestId('dim').selectOption('1');
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\n');
  await cell(page, 't.sum(dim=1)', '1').hover();
  await expectMarks(page, { active: at('t.sum(dim=1)', ['1']), source: at('t', ROW(1)) });
  await cell(page, 't', '1,2').hover();
  await expectMarks(page, { active: at('t', ['1,2']), target: at('t.sum(dim=1)', ['1']) });
});

test('the aria-live region says what the active cell is, in words', async ({ page }) => {
  await open(page, `${ROWS_T}\nt.sum(dim=1)`);
  const live = page.locator('[aria-live]');
  await expect(live).toHaveCount(1);
  await cell(page, 't.sum(dim=1)', '1').hover();
  await expect(live).toHaveText('output [1] = 8: the sum of t[1, 0], t[1, 1], t[1, 2], t[1, 3]');
  // Keyboard focus speaks too.
  await cell(page, 't.sum(dim=1)', '2').focus();
  await expect(live).toHaveText('output [2] = 12: the sum of t[2, 0], t[2, 1], t[2, 2], t[2, 3]');
  // Pinning is heard, and so is letting go.
  await page.keyboard.press('Enter');
  await expect(live).toHaveText('Pinned. output [2] = 12: the sum of t[2, 0], t[2, 1], t[2, 2], t[2, 3]');
  await page.keyboard.press('Escape');
  await expect(live).toHaveText('output [2] = 12: the sum of t[2, 0], t[2, 1], t[2, 2], t[2, 3]');
});

test('rank 3 with dim=1 and keepdim=True: each output lights its column of its block', async ({ page }) => {
  await open(page, `${CUBE_T}\nt.sum(dim=1)`);
  await expectOutput(page, 'tensor([[13., 13., 11., 15.],\n        [17., 12., 23., 11.]])\n');
  expect(await grids(page)).toEqual([
    ['t', '2,3,4'],
    ['t.sum(dim=1)', '2,4'],
  ]);
  await page.getByTestId('keepdim').check();
  await expect.poll(() => lastLine(page)).toBe('t.sum(dim=1, keepdim=True)');
  await expectOutput(page, 'tensor([[[13., 13., 11., 15.]],\n\n        [[17., 12., 23., 11.]]])\n');
  const out = 't.sum(dim=1, keepdim=True)';
  expect(await grids(page)).toEqual([
    ['t', '2,3,4'],
    [out, '2,1,4'],
  ]);
  expect(await grid(page, out).getByRole('gridcell').evaluateAll((cs) => cs.map((c) => c.dataset.index))).toEqual(
    allIndices([2, 1, 4]),
  );
  await cell(page, out, '1,0,2').hover();
  await expect(cell(page, out, '1,0,2')).toHaveText('23.');
  await expectMarks(page, { active: at(out, ['1,0,2']), source: at('t', ['1,0,2', '1,1,2', '1,2,2']) });
  await cell(page, 't', '0,2,3').hover();
  await expectMarks(page, { active: at('t', ['0,2,3']), target: at(out, ['0,0,3']) });

  // The same with a selection: ties along dim 1 go to the first.
  await page.getByTestId('op').selectOption('argmax');
  await expect.poll(() => lastLine(page)).toBe('t.argmax(dim=1, keepdim=True)');
  await expectOutput(page, 'tensor([[[1, 1, 2, 2]],\n\n        [[0, 0, 0, 1]]])\n');
  const arg = 't.argmax(dim=1, keepdim=True)';
  await cell(page, arg, '0,0,0').hover();
  await expectMarks(page, {
    active: at(arg, ['0,0,0']),
    source: at('t', ['0,0,0', '0,1,0', '0,2,0']),
    winner: at('t', ['0,1,0']),
  });
  await cell(page, arg, '1,0,3').hover();
  await expectMarks(page, {
    active: at(arg, ['1,0,3']),
    source: at('t', ['1,0,3', '1,1,3', '1,2,3']),
    winner: at('t', ['1,1,3']),
  });
});

test('a chain t.sum(dim=0).argmax(): the winning column is the winner, through the intermediate', async ({ page }) => {
  await open(page, `${SEED_T}\nt.sum(dim=0).argmax()`);
  const sums = 't.sum(dim=0)';
  const out = 't.sum(dim=0).argmax()';
  // Column sums [5, 3, 3, 7]: column 3 wins.
  expect(await grid(page, sums).getByRole('gridcell').allTextContents()).toEqual(['5.', '3.', '3.', '7.']);
  await cell(page, out, '').hover();
  await expectMarks(page, {
    active: at(out, ['']),
    source: [...at('t', allIndices([3, 4])), ...at(sums, ['0', '1', '2', '3'])],
    winner: [...at('t', COLUMN(3)), ...at(sums, ['3'])],
  });
  await cell(page, sums, '1').hover();
  await expectMarks(page, { active: at(sums, ['1']), source: at('t', COLUMN(1)), target: at(out, ['']) });
  await cell(page, 't', '2,3').hover();
  await expectMarks(page, { active: at('t', ['2,3']), target: [...at(sums, ['3']), ...at(out, [''])] });
  await pointAway(page);
  await expectNoMarks(page);
});

test('a chain t[0] + t[1] + t[2]: every step is drawn and lit back to t', async ({ page }) => {
  await open(page, `${ROWS_T}\nt[0] + t[1] + t[2]`);
  await expectOutput(page, 'tensor([6., 6., 6., 6.])\n');
  const names = (await grids(page)).map(([n]) => n);
  const out = 't[0] + t[1] + t[2]';
  expect(names[0]).toBe('t');
  expect(names.at(-1)).toBe(out);
  expect([...names.slice(1, -1)].sort()).toEqual(['t[0]', 't[0] + t[1]', 't[1]', 't[2]']);
  // Data-flow order: the partial sum after both of its operands.
  expect(names.indexOf('t[0] + t[1]')).toBeGreaterThan(Math.max(names.indexOf('t[0]'), names.indexOf('t[1]')));
  for (const n of names.slice(1)) expect((await grids(page)).find(([g]) => g === n)[1]).toBe('4');

  await cell(page, out, '2').hover();
  await expectMarks(page, {
    active: at(out, ['2']),
    source: [...at('t', COLUMN(2)), ...at('t[0]', ['2']), ...at('t[1]', ['2']), ...at('t[2]', ['2']), ...at('t[0] + t[1]', ['2'])],
  });
  await cell(page, 't', '1,2').hover();
  await expectMarks(page, {
    active: at('t', ['1,2']),
    target: [...at('t[1]', ['2']), ...at('t[0] + t[1]', ['2']), ...at(out, ['2'])],
  });
});

test('a transpose t.T: each element lights the one it was taken from, its row and column swapped', async ({ page }) => {
  await open(page, 't = torch.arange(6.).reshape(2, 3)\nt.T.sum(dim=1)');
  await expectOutput(page, 'tensor([3., 5., 7.])\n');
  expect((await grids(page)).map(([n, shape]) => `${n}:${shape}`)).toEqual(['t:2,3', 't.T:3,2', 't.T.sum(dim=1):3']);
  await cell(page, 't.T', '0,1').hover();
  await expectMarks(page, {
    active: at('t.T', ['0,1']),
    source: at('t', ['1,0']),
    target: at('t.T.sum(dim=1)', ['0']),
  });
  await cell(page, 't.T.sum(dim=1)', '2').hover();
  await expectMarks(page, {
    active: at('t.T.sum(dim=1)', ['2']),
    source: [...at('t', ['0,2', '1,2']), ...at('t.T', ['2,0', '2,1'])],
  });
});

test('a big tensor is drawn summarised with ellipses, and hovering counts the hidden sources', async ({ page }) => {
  await open(page, 'torch.arange(5000.).reshape(50, 100).sum(dim=1)');
  const leaf = 'torch.arange(5000.)';
  const matrix = 'torch.arange(5000.).reshape(50, 100)';
  const out = 'torch.arange(5000.).reshape(50, 100).sum(dim=1)';
  expect(await grids(page)).toEqual([
    [leaf, '5000'],
    [matrix, '50,100'],
    [out, '50'],
  ]);
  // PyTorch's summary keeps 3 items at each end of each dim.
  const edges = [0, 1, 2, 47, 48, 49];
  const columns = [0, 1, 2, 97, 98, 99];
  expect(await grid(page, leaf).getByRole('gridcell').evaluateAll((cs) => cs.map((c) => c.dataset.index))).toEqual(
    ['0', '1', '2', '4997', '4998', '4999'],
  );
  expect(await grid(page, matrix).getByRole('gridcell').evaluateAll((cs) => cs.map((c) => c.dataset.index))).toEqual(
    edges.flatMap((i) => columns.map((j) => `${i},${j}`)),
  );
  await expect(grid(page, out).getByRole('gridcell')).toHaveCount(50);
  await expect(grid(page, leaf)).toContainText('…');
  await expect(grid(page, matrix)).toContainText('…');
  await expect(grid(page, matrix)).toContainText('⋮');

  // Row 0 sums 0..99 = 4950; 3 of its 100 leaf elements and 6 of the 100 matrix elements are drawn.
  await expect(cell(page, out, '0')).toHaveText('4950.');
  await cell(page, out, '0').hover();
  await expectMarks(page, {
    active: at(out, ['0']),
    source: [...at(leaf, ['0', '1', '2']), ...at(matrix, columns.map((j) => `0,${j}`))],
  });
  await expect(grid(page, leaf)).toContainText('+ 97 more sources');
  await expect(grid(page, matrix)).toContainText('+ 94 more sources');
  await expect(grid(page, out)).not.toContainText('more');

  // Row 1 (elements 100..199): none of its leaf elements is drawn.
  await cell(page, out, '1').hover();
  await expectMarks(page, { active: at(out, ['1']), source: at(matrix, columns.map((j) => `1,${j}`)) });
  await expect(grid(page, leaf)).toContainText('+ 100 more sources');
  await expect(grid(page, matrix)).toContainText('+ 94 more sources');

  await pointAway(page);
  await expectNoMarks(page);
  await expect(page.getByText(/more sources/)).toHaveCount(0);
});

test('"show all" tints each result element and its sources alike, stripes shared ones, and says so', async ({ page }) => {
  await open(page, `${ROWS_T}\nt.sum(dim=1)`);
  const tints = (name) => grid(page, name).getByRole('gridcell').evaluateAll((cs) => cs.map((c) => c.dataset.tint ?? null));
  expect(await tints('t')).toEqual(Array(12).fill(null));
  await expect(page.getByTestId('show-all-note')).toHaveCount(0);
  await page.getByTestId('show-all').check();
  // Row i of t and output [i] share tint i.
  await expect.poll(() => tints('t.sum(dim=1)')).toEqual(['0', '1', '2']);
  expect(await tints('t')).toEqual(['0', '0', '0', '0', '1', '1', '1', '1', '2', '2', '2', '2']);
  await expect(page.getByTestId('show-all-note')).toContainText('share a tint');
  // Every element of t feeds every result: all striped as shared.
  await page.getByTestId('code').fill('t = torch.arange(3.)\nt + t.sum()');
  await expect.poll(() => tints('t + t.sum()')).toEqual(['0', '1', '2']);
  expect(await tints('t')).toEqual(['shared', 'shared', 'shared']);
  await page.getByTestId('show-all').uncheck();
  await expect.poll(() => tints('t')).toEqual([null, null, null]);
  await expect(page.getByTestId('show-all-note')).toHaveCount(0);
});
