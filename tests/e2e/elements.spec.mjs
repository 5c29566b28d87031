// Contract section 2: the page elements (data-testid) and the op / dim /
// keepdim controls, which rewrite the program's last line and follow it.
import { test, expect } from '@playwright/test';
import {
  SEED,
  SEED_T,
  ROWS_T,
  open,
  grids,
  cell,
  codeOf,
  lastLine,
  typeProgram,
  retypeLastLine,
  expectOutput,
  expectExactText,
  expectMarks,
  at,
} from './helpers.mjs';

// The op control's choices (`tensor-playground ops` lists them): the
// contract's reductions, then the ops along a dim, then sorting.
const REDUCTIONS = [
  'sum', 'prod', 'mean', 'std', 'var', 'max', 'min',
  'argmax', 'argmin', 'amax', 'amin', 'all', 'any', 'count_nonzero', 'logsumexp', 'median',
  'cumsum', 'cumprod', 'softmax', 'log_softmax',
  'sort', 'argsort', 'cummax', 'cummin',
];

/** The option values a learner can pick (a disabled placeholder is not a choice). */
async function choices(select) {
  return select.locator('option:not([disabled])').evaluateAll((os) => os.map((o) => o.value));
}

test('code is a textarea holding the program, and output the REPL transcript', async ({ page }) => {
  await open(page, SEED);
  const code = page.getByTestId('code');
  expect(await code.evaluate((e) => e.tagName)).toBe('TEXTAREA');
  await expect(code).toHaveValue(SEED);
  await expectOutput(page, 'tensor([3, 1, 3])\n');
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('typing a program re-evaluates it after a pause', async ({ page }) => {
  await open(page, SEED);
  await typeProgram(page, `${ROWS_T}\nt.sum(dim=1)`);
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\n');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.sum(dim=1)', '3'],
  ]);
  await expect(cell(page, 't.sum(dim=1)', '2')).toHaveText('12.');
  // Keep typing: a second statement joins the transcript.
  await page.keyboard.type('\nt.sum(dim=0)');
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\ntensor([6., 6., 6., 6.])\n');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.sum(dim=0)', '4'],
  ]);
});

test('op offers exactly the reductions, and dim none plus every valid dim, negatives included', async ({ page }) => {
  await open(page, SEED);
  expect(await choices(page.getByTestId('op'))).toEqual(REDUCTIONS);
  await expect(page.getByTestId('op')).toHaveValue('argmax');
  const dims = async () => (await choices(page.getByTestId('dim'))).sort();
  expect(await dims()).toEqual(['-1', '-2', '0', '1', 'none'].sort());
  await expect(page.getByTestId('dim')).toHaveValue('1');
  await expect(page.getByTestId('keepdim')).toHaveAttribute('type', 'checkbox');
  await expect(page.getByTestId('keepdim')).not.toBeChecked();

  await typeProgram(page, 'v = torch.tensor([1., 2., 3.])\nv.sum()');
  await expectOutput(page, 'tensor(6.)\n');
  await expect.poll(dims).toEqual(['-1', '0', 'none'].sort());
  await expect(page.getByTestId('dim')).toHaveValue('none');

  await typeProgram(page, 'r = torch.zeros(2, 3, 4)\nr.mean(dim=-3)');
  await expect.poll(dims).toEqual(['-1', '-2', '-3', '0', '1', '2', 'none'].sort());
  await expect(page.getByTestId('dim')).toHaveValue('-3');
});

test('choosing op, dim and keepdim rewrites the last line, the transcript and the grids', async ({ page }) => {
  await open(page, SEED);
  const op = page.getByTestId('op');
  const dim = page.getByTestId('dim');
  const keepdim = page.getByTestId('keepdim');

  await op.selectOption('max');
  await expect.poll(() => lastLine(page)).toBe('t.max(dim=1)');
  await expectOutput(page, 'torch.return_types.max(\nvalues=tensor([2., 3., 5.]),\nindices=tensor([3, 1, 3]))\n');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.max(dim=1).values', '3'],
    ['t.max(dim=1).indices', '3'],
  ]);

  await dim.selectOption('0');
  await expect.poll(() => lastLine(page)).toBe('t.max(dim=0)');
  await expectOutput(page, 'torch.return_types.max(\nvalues=tensor([4., 3., 3., 5.]),\nindices=tensor([2, 1, 1, 2]))\n');
  await expect(cell(page, 't.max(dim=0).indices', '0')).toHaveText('2');

  await keepdim.check();
  await expect.poll(() => lastLine(page)).toBe('t.max(dim=0, keepdim=True)');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.max(dim=0, keepdim=True).values', '1,4'],
    ['t.max(dim=0, keepdim=True).indices', '1,4'],
  ]);
  await keepdim.uncheck();
  await expect.poll(() => lastLine(page)).toBe('t.max(dim=0)');

  await dim.selectOption('none');
  await expect.poll(() => lastLine(page)).toBe('t.max()');
  await expectOutput(page, 'tensor(5.)\n');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.max()', ''],
  ]);

  await op.selectOption('argmax');
  await expect.poll(() => lastLine(page)).toBe('t.argmax()');
  await expectOutput(page, 'tensor(11)\n');

  await op.selectOption('sum');
  await dim.selectOption('-1');
  await expect.poll(() => lastLine(page)).toBe('t.sum(dim=-1)');
  await expectOutput(page, 'tensor([3., 6., 9.])\n');
  // Only the last line changed.
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.sum(dim=-1)\n`);
  expect(codeOf(page.url())).toBe(`${SEED_T}\nt.sum(dim=-1)\n`);
});

test('keepdim is offered only where PyTorch can keep the dims, and says why not', async ({ page }) => {
  await open(page, SEED);
  const keepdim = page.getByTestId('keepdim');
  await keepdim.check();
  await page.getByTestId('dim').selectOption('none');
  // t.argmax(keepdim=True) is fine; t.sum(keepdim=True) is a TypeError, so dim=None is written.
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.argmax(dim=None, keepdim=True)\n`);
  await page.getByTestId('op').selectOption('sum');
  await expectOutput(page, 'tensor([[18.]])\n');
  // prod, max and min keep dims only along a dim: keepdim goes, and is off.
  await page.getByTestId('op').selectOption('prod');
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.prod()\n`);
  await expect(keepdim).toBeDisabled();
  await expect(keepdim).not.toBeChecked();
  await expect(page.locator('label', { has: keepdim })).toHaveAttribute('title', /prod\(\) keeps dims only along a dim/);
  await page.getByTestId('dim').selectOption('1');
  await expect(keepdim).toBeEnabled();
  await page.getByTestId('op').selectOption('count_nonzero');
  await expect(keepdim).toBeDisabled();
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('controls changed quickly while a slow program runs: the last change is what shows', async ({ page }) => {
  // A product of two 1000x1000 tensors keeps each run busy for half a
  // second or more (under a time limit that a busy machine cannot reach).
  await page.addInitScript(() => {
    window.tensorPlaygroundTimeLimitMs = 20_000;
  });
  const slow = 'x = torch.ones(1000, 1000) @ torch.ones(1000, 1000)';
  await open(page, `${ROWS_T}\n${slow}\nt.sum(dim=1)\n`);
  // Two changes at once: the second waits for the first's run...
  await page.evaluate(() => {
    const choose = (id, value) => {
      const select = document.querySelector(`[data-testid="${id}"]`);
      select.value = value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    };
    choose('dim', '0');
    choose('op', 'mean');
  });
  await expect(page.getByTestId('code')).toHaveValue(`${ROWS_T}\n${slow}\nt.mean(dim=0)\n`);
  // ...and a third, once that run is slow, replaces the worker running it:
  // the waiting second must not run after it and be shown over it.
  await page.waitForTimeout(250);
  await page.getByTestId('dim').selectOption('1');
  await expect(page.getByTestId('code')).toHaveValue(`${ROWS_T}\n${slow}\nt.mean(dim=1)\n`);
  // (PyTorch: t.mean(dim=1) of rows of 1s, 2s and 3s.)
  await expectOutput(page, 'tensor([1., 2., 3.])\n');
  await page.waitForTimeout(2000);
  await expectOutput(page, 'tensor([1., 2., 3.])\n');
});

test('a last line that is not a reduction shows so, and picking an op reduces it', async ({ page }) => {
  await open(page, `${ROWS_T}\nt[0] + t[1]`);
  const op = page.getByTestId('op');
  await expect(op).toHaveValue('');
  await expect(op.locator('option:checked')).toHaveText('(not a reduction)');
  await op.selectOption('sum');
  await expect.poll(() => lastLine(page)).toBe('(t[0] + t[1]).sum()');
  await expect(op).toHaveValue('sum');
  // The parentheses the controls wrote stay around the receiver.
  await page.getByTestId('dim').selectOption('0');
  await expect.poll(() => lastLine(page)).toBe('(t[0] + t[1]).sum(dim=0)');
  await expectOutput(page, 'tensor(12.)\n');
});

test('the controls rewrite torch.<op>(t, ...) calls in the same form', async ({ page }) => {
  await open(page, `${ROWS_T}\ntorch.sum(t, dim=1)`);
  await expect(page.getByTestId('op')).toHaveValue('sum');
  await page.getByTestId('op').selectOption('mean');
  await expect.poll(() => lastLine(page)).toBe('torch.mean(t, dim=1)');
  await expectOutput(page, 'tensor([1., 2., 3.])\n');
});

test('editing the last line updates the controls', async ({ page }) => {
  await open(page, SEED);
  await retypeLastLine(page, 't.amin(dim=-2, keepdim=True)');
  await expectOutput(page, 'tensor([[0., 0., 0., 0.]])\n');
  await expect(page.getByTestId('op')).toHaveValue('amin');
  await expect(page.getByTestId('dim')).toHaveValue('-2');
  await expect(page.getByTestId('keepdim')).toBeChecked();

  await retypeLastLine(page, 'torch.count_nonzero(t, 1)');
  await expectOutput(page, 'tensor([2, 2, 2])\n');
  await expect(page.getByTestId('op')).toHaveValue('count_nonzero');
  await expect(page.getByTestId('dim')).toHaveValue('1');
  await expect(page.getByTestId('keepdim')).not.toBeChecked();

  await retypeLastLine(page, 't.std()');
  await expect(page.getByTestId('op')).toHaveValue('std');
  await expect(page.getByTestId('dim')).toHaveValue('none');
});

test('an error shows one line with PyTorch\'s message, keeps the text and the last good drawing', async ({ page }) => {
  const good = `${SEED_T}\nt.sum()\nt.sum(dim=1)`;
  await open(page, good);
  await expectOutput(page, 'tensor(18.)\ntensor([3., 6., 9.])\n');
  await expect(page.getByTestId('error')).toHaveCount(0);
  // The learner changes the dim to one t does not have: 1 -> 5.
  await page.getByTestId('code').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('5)');
  const broken = `${SEED_T}\nt.sum()\nt.sum(dim=5)`;
  const message = 'IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 5)';
  await expectExactText(page.getByTestId('error'), message);
  await expect(page.getByTestId('error')).toHaveCount(1);
  // The learner's text is untouched, the transcript holds what ran before the error.
  await expect(page.getByTestId('code')).toHaveValue(broken);
  await expectOutput(page, 'tensor(18.)\n');
  // The last good drawing stays, says it is the last good one, and still lights up.
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.sum(dim=1)', '3'],
  ]);
  await expect(page.getByTestId('stale-note')).toHaveText(/Still showing the last program that ran/);
  await cell(page, 't.sum(dim=1)', '2').hover();
  await expectMarks(page, { active: at('t.sum(dim=1)', ['2']), source: at('t', ['2,0', '2,1', '2,2', '2,3']) });
  // The dim control still lists the dims of the drawn tensor, and shows
  // the one written as out of range rather than as another choice.
  expect((await choices(page.getByTestId('dim'))).sort()).toEqual(['-1', '-2', '0', '1', 'none'].sort());
  await expect(page.getByTestId('dim').locator('option:checked')).toHaveText('5 (out of range)');
  // The text survives a reload (the URL carries it, error and all).
  await page.reload();
  await expect(page.getByTestId('code')).toHaveValue(broken);
  await expectExactText(page.getByTestId('error'), message);
  // Opened failing, it draws what the failing line read: t (this program's own).
  expect(await grids(page)).toEqual([['t', '3,4']]);
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
  // Fixing it clears the error.
  await page.getByTestId('code').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('0)');
  await expectOutput(page, 'tensor(18.)\ntensor([5., 3., 3., 7.])\n');
  await expect(page.getByTestId('error')).toHaveCount(0);
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.sum(dim=0)', '4'],
  ]);
  await expect(page.getByTestId('stale-note')).toHaveCount(0);
});

test('a program opened failing draws the tensors its failing line read and computed', async ({ page }) => {
  // The learner sees why: t has dims 0 and 1 (-2 and -1), not 2.
  await open(page, 't = torch.ones(2, 3)\nt.sum(dim=2)');
  await expectExactText(
    page.getByTestId('error'),
    'IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 2)',
  );
  expect(await grids(page)).toEqual([['t', '2,3']]);
  await expect(page.getByTestId('dim').locator('option:checked')).toHaveText('2 (out of range)');
  expect((await choices(page.getByTestId('dim'))).sort()).toEqual(['-1', '-2', '0', '1', 'none'].sort());
  // Broadcasting fails after the mean is computed: t and the mean are drawn,
  // and pointing at the mean lights its row.
  await open(page, `${ROWS_T}\nt - t.mean(dim=1)`);
  await expect.poll(() => grids(page)).toEqual([
    ['t', '3,4'],
    ['t.mean(dim=1)', '3'],
  ]);
  await cell(page, 't.mean(dim=1)', '1').hover();
  await expectMarks(page, {
    active: at('t.mean(dim=1)', ['1']),
    source: at('t', ['1,0', '1,1', '1,2', '1,3']),
  });
  // A line that fails before reading any tensor has nothing to draw.
  await open(page, 'torch.tensor([[1, 2], [3]])', { grids: false });
  await expectExactText(page.getByTestId('error'), 'ValueError: expected sequence of length 2 at dim 1 (got 1)');
  await expect(page.getByRole('region', { name: 'Tensors' })).toHaveText(
    'Nothing to draw: the program stops with an error.',
  );
});

test('editing an input cell in place rewrites the torch.tensor literal and the result', async ({ page }) => {
  await open(page, SEED);
  const before = await page.evaluate(() => history.length);
  const target = cell(page, 't', '1,2');
  await target.dblclick();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  const edited = 't = torch.tensor([[1, 0, 0, 2], [0, 3, 7, 0], [4, 0, 0, 5]], dtype=torch.float32)\nt.argmax(dim=1)\n';
  await expect(page.getByTestId('code')).toHaveValue(edited);
  await expectOutput(page, 'tensor([3, 2, 3])\n');
  await expect(cell(page, 't', '1,2')).toHaveText('7.');
  await expect(cell(page, 't.argmax(dim=1)', '1')).toHaveText('2');
  expect(codeOf(page.url())).toBe(edited);
  // A deliberate action: one history entry, and back undoes it.
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
  await page.goBack();
  await expect(page.getByTestId('code')).toHaveValue(SEED);

  // Escape leaves the value as it was.
  await cell(page, 't', '0,0').dblclick();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('9');
  await page.keyboard.press('Escape');
  await expect(cell(page, 't', '0,0')).toHaveText('1.');
  await expect(page.getByTestId('code')).toHaveValue(SEED);
});
