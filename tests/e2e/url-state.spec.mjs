// Contract section 1: the program is the state, carried in the URL fragment;
// reload, back/forward, links and local storage reproduce the view.
import { test, expect } from '@playwright/test';
import { SEED, SEED_T, ROWS_T, open, grids, cell, codeOf, fragment, lastLine, typeProgram, retypeLastLine, expectOutput } from './helpers.mjs';

test('opening #code= shows that program evaluated: the transcript, and the last expression drawn', async ({ page }) => {
  const program = [
    't = torch.tensor([[0, 1, 0], [2, 0, 2], [0, 3, 0]], dtype=torch.float32)',
    't.sum()',
    't.numel()',
    't.mean()',
    't.std()',
  ].join('\n');
  await open(page, program);
  await expect(page.getByTestId('code')).toHaveValue(program);
  // Lesson facts, section 1: what the REPL prints for each expression statement.
  await expectOutput(page, 'tensor(8.)\n9\ntensor(0.8889)\ntensor(1.1667)\n');
  await expect(page.getByTestId('error')).toHaveCount(0);
  // The focus is the LAST expression statement: t.std(), a 0-d tensor.
  expect(await grids(page)).toEqual([
    ['t', '3,3'],
    ['t.std()', ''],
  ]);
  await expect(cell(page, 't.std()', '')).toHaveText('1.1667');
});

test('grids come in data-flow order: leaf tensors, then intermediates, the focus value last', async ({ page }) => {
  await open(page, `${SEED_T}\nt.sum(dim=0).argmax()`);
  await expectOutput(page, 'tensor(3)\n');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.sum(dim=0)', '4'],
    ['t.sum(dim=0).argmax()', ''],
  ]);
  // Through an intermediate variable, named by that variable.
  await open(page, `${SEED_T}\nu = t.sum(dim=0)\nu.argmax()`);
  await expectOutput(page, 'tensor(3)\n');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['u', '4'],
    ['u.argmax()', ''],
  ]);
  // A (values, indices) pair: values, then indices.
  await open(page, `${SEED_T}\nt.max(dim=1)`);
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.max(dim=1).values', '3'],
    ['t.max(dim=1).indices', '3'],
  ]);
});

test('opening the page with no fragment and no stored program shows the seed argmax example', async ({ page }) => {
  await open(page);
  await expect(page.getByTestId('code')).toHaveValue(SEED);
  await expectOutput(page, 'tensor([3, 1, 3])\n');
});

test('typing updates the fragment without adding history entries', async ({ page }) => {
  await open(page, SEED);
  const before = await page.evaluate(() => history.length);
  await retypeLastLine(page, 't.sum(dim=0)');
  await expectOutput(page, 'tensor([5., 3., 3., 7.])\n');
  await expect.poll(() => codeOf(page.url())).toBe(`${SEED_T}\nt.sum(dim=0)\n`);
  expect(await page.evaluate(() => history.length)).toBe(before);
});

test('a control change is a history entry: back and forward restore the program and the view', async ({ page }) => {
  await open(page, SEED);
  const before = await page.evaluate(() => history.length);
  await page.getByTestId('op').selectOption('sum');
  await expectOutput(page, 'tensor([3., 6., 9.])\n');
  expect(codeOf(page.url())).toBe(`${SEED_T}\nt.sum(dim=1)\n`);
  await page.getByTestId('dim').selectOption('0');
  await expectOutput(page, 'tensor([5., 3., 3., 7.])\n');
  expect(await page.evaluate(() => history.length)).toBe(before + 2);

  await page.goBack();
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.sum(dim=1)\n`);
  await expectOutput(page, 'tensor([3., 6., 9.])\n');
  await expect(page.getByTestId('dim')).toHaveValue('1');
  await expect(cell(page, 't.sum(dim=1)', '2')).toHaveText('9.');

  await page.goBack();
  await expect(page.getByTestId('code')).toHaveValue(SEED);
  await expectOutput(page, 'tensor([3, 1, 3])\n');
  await expect(page.getByTestId('op')).toHaveValue('argmax');

  await page.goForward();
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.sum(dim=1)\n`);
  await expectOutput(page, 'tensor([3., 6., 9.])\n');
});

test('back and forward, and a fragment changed while open, set every control to the program', async ({ page }) => {
  await open(page, SEED);
  await page.getByTestId('dim').selectOption('0');
  await page.getByTestId('op').selectOption('sum');
  await page.getByTestId('dim').selectOption('none');
  await page.getByTestId('keepdim').check();
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.sum(dim=None, keepdim=True)\n`);
  const controls = async (op, dim, keepdim) => {
    await expect(page.getByTestId('op')).toHaveValue(op);
    await expect(page.getByTestId('dim')).toHaveValue(dim);
    if (keepdim) await expect(page.getByTestId('keepdim')).toBeChecked();
    else await expect(page.getByTestId('keepdim')).not.toBeChecked();
  };
  await page.goBack();
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.sum()\n`);
  await controls('sum', 'none', false);
  await page.goBack();
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.sum(dim=0)\n`);
  await controls('sum', '0', false);
  await page.goBack();
  await controls('argmax', '0', false);
  await page.goForward();
  await page.goForward();
  await controls('sum', 'none', false);
  await page.evaluate((f) => (location.hash = f), fragment(`${SEED_T}\nt.mean(dim=-1, keepdim=True)`).slice(1));
  await expect(page.getByTestId('code')).toHaveValue(`${SEED_T}\nt.mean(dim=-1, keepdim=True)`);
  await controls('mean', '-1', true);
});

test('back after the first control change on a page opened without a fragment restores the seed', async ({ page }) => {
  await open(page);
  await page.getByTestId('op').selectOption('sum');
  await expectOutput(page, 'tensor([3., 6., 9.])\n');
  await page.goBack();
  await expect(page.getByTestId('code')).toHaveValue(SEED);
  await expectOutput(page, 'tensor([3, 1, 3])\n');
});

test('reload keeps the state', async ({ page }) => {
  await open(page, SEED);
  await page.getByTestId('op').selectOption('max');
  await page.getByTestId('dim').selectOption('0');
  await page.getByTestId('keepdim').check();
  const program = `${SEED_T}\nt.max(dim=0, keepdim=True)\n`;
  await expect(page.getByTestId('code')).toHaveValue(program);
  await page.reload();
  await expect(page.getByTestId('code')).toHaveValue(program);
  await expectOutput(page, 'torch.return_types.max(\nvalues=tensor([[4., 3., 3., 5.]]),\nindices=tensor([[2, 1, 1, 2]]))\n');
  await expect(page.getByTestId('op')).toHaveValue('max');
  await expect(page.getByTestId('dim')).toHaveValue('0');
  await expect(page.getByTestId('keepdim')).toBeChecked();
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.max(dim=0, keepdim=True).values', '1,4'],
    ['t.max(dim=0, keepdim=True).indices', '1,4'],
  ]);
});

test('local storage restores the program on a visit without a fragment', async ({ page }) => {
  await open(page);
  const program = `${ROWS_T}\nt.sum(dim=1)\n`;
  await typeProgram(page, program);
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\n');
  await page.goto('./');
  await expect(page.getByTestId('code')).toHaveValue(program);
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\n');
});

test('the page follows fragment changes while open: a link in the page, and the host setting the hash', async ({ page }) => {
  await open(page, SEED);
  const linked = `${ROWS_T}\nt.sum(dim=0)\n`;
  await page.evaluate((href) => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = 'see the column sums';
    document.querySelector('h1').after(a);
  }, fragment(linked));
  await page.getByRole('link', { name: 'see the column sums' }).click();
  await expect(page.getByTestId('code')).toHaveValue(linked);
  await expectOutput(page, 'tensor([6., 6., 6., 6.])\n');
  expect(await grids(page)).toEqual([
    ['t', '3,4'],
    ['t.sum(dim=0)', '4'],
  ]);

  const set = `${ROWS_T}\nt.sum(dim=1)`;
  await page.evaluate((hash) => {
    location.hash = hash;
  }, fragment(set));
  await expect(page.getByTestId('code')).toHaveValue(set);
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\n');
  expect(await lastLine(page)).toBe('t.sum(dim=1)');

  // A failing program arrives as a reload would draw it (what its failing
  // line read), not under the drawing of the program before; back restores that.
  const failing = 'u = torch.ones(2, 5)\nu.sum(dim=3)';
  await page.evaluate((hash) => {
    location.hash = hash;
  }, fragment(failing));
  await expect(page.getByTestId('error')).toHaveText(
    'IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 3)',
  );
  await expect.poll(() => grids(page)).toEqual([['u', '2,5']]);
  await page.goBack();
  await expect(page.getByTestId('code')).toHaveValue(set);
  await expect.poll(() => grids(page)).toEqual([
    ['t', '3,4'],
    ['t.sum(dim=1)', '3'],
  ]);
});

test('other fragment keys survive the page writing its code', async ({ page }) => {
  await page.goto(`./${fragment(SEED, { step: '2' })}`);
  await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
  await page.getByTestId('op').selectOption('min');
  await expect.poll(() => codeOf(page.url())).toBe(`${SEED_T}\nt.min(dim=1)\n`);
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('step')).toBe('2');
});

test('"copy link" copies a URL that reproduces the view exactly', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, SEED);
  await page.getByTestId('op').selectOption('argmin');
  await page.getByTestId('dim').selectOption('-2');
  const button = page.getByRole('button', { name: /copy link/i });
  await expect(button).toBeVisible();
  await button.click();
  // Said on the button, and to a screen reader.
  await expect(page.getByTestId('copy-link')).toHaveText('Link copied');
  await expect(page.locator('.tp-share [role="status"]').first()).toHaveText('Link copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto(copied);
  await expect(fresh.getByTestId('code')).toHaveValue(`${SEED_T}\nt.argmin(dim=-2)\n`);
  // Column minima of the seed tensor: first zero of each column.
  await expectOutput(fresh, 'tensor([1, 0, 0, 1])\n');
  expect(await grids(fresh)).toEqual(await grids(page));
  await expect(fresh.getByTestId('dim')).toHaveValue('-2');
  await other.close();

  // A browser that refuses the clipboard gets told so, not "Link copied".
  await context.clearPermissions();
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('Could not copy');
});
