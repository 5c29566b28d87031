// A 360 px-wide phone with touch: everything reachable, no sideways page
// scrolling, and a tap activates a cell.
import { test, expect } from '@playwright/test';
import { SEED, SEED_T, open, cell, at, expectMarks, expectNoMarks, away } from './helpers.mjs';

test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

const ROW = (i) => [0, 1, 2, 3].map((j) => `${i},${j}`);
const OUT = 't.argmax(dim=1)';

const PROGRAMS = {
  seed: SEED,
  pair: `${SEED_T}\nt.max(dim=1)`,
  cube: 't = torch.arange(24.).reshape(2, 3, 4)\nt.sum(dim=1, keepdim=True)',
  chain: `${SEED_T}\n((t - t.mean(dim=1, keepdim=True)) ** 2).sum(dim=0).argmax()`,
  big: 'torch.arange(5000.).reshape(50, 100).sum(dim=1)',
  error: `${SEED_T}\nt.sum(dim=5)  # a comment long enough to make this line wider than a phone screen`,
};

async function pageOverflow(page) {
  return page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
}

test('no horizontal page overflow at 360 px, whatever is drawn', async ({ page }) => {
  for (const [name, program] of Object.entries(PROGRAMS)) {
    await open(page, program, { grids: name !== 'error' });
    const { scroll, width } = await pageOverflow(page);
    expect(width, name).toBe(360);
    expect(scroll, `${name}: the page is ${scroll} px wide`).toBeLessThanOrEqual(width);
  }
});

test('every control and every cell can be reached on a phone', async ({ page }) => {
  await open(page, PROGRAMS.big);
  const inView = async (locator) => {
    await locator.scrollIntoViewIfNeeded();
    const box = await locator.boundingBox();
    expect(box, 'laid out').not.toBeNull();
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(360 + 0.5);
  };
  for (const id of ['code', 'op', 'dim', 'keepdim', 'output']) await inView(page.getByTestId(id));
  await inView(page.getByRole('button', { name: /copy link/i }));
  // Wide grids scroll inside themselves; their last cells can be scrolled to.
  for (const g of await page.getByTestId('tensor-grid').all()) await inView(g.getByRole('gridcell').last());
  // The controls work by touch.
  await page.getByTestId('dim').selectOption('0');
  await expect(page.getByTestId('code')).toHaveValue('torch.arange(5000.).reshape(50, 100).sum(dim=0)');
  await page.getByTestId('keepdim').tap();
  await expect(page.getByTestId('code')).toHaveValue('torch.arange(5000.).reshape(50, 100).sum(dim=0, keepdim=True)');
});

test('a tap activates a cell; tapping another moves it; tapping it again and then elsewhere clears', async ({ page }) => {
  await open(page, SEED);
  await cell(page, OUT, '1').tap();
  await expectMarks(page, { active: at(OUT, ['1']), source: at('t', ROW(1)), winner: at('t', ['1,1']) });
  await cell(page, OUT, '2').tap();
  await expectMarks(page, { active: at(OUT, ['2']), source: at('t', ROW(2)), winner: at('t', ['2,3']) });
  await cell(page, OUT, '2').tap();
  await away(page).tap();
  await expectNoMarks(page);
  // An input cell by touch: its target.
  await cell(page, 't', '0,1').tap();
  await expectMarks(page, { active: at('t', ['0,1']), target: at(OUT, ['0']) });
});

test('a choice option reads as one line of words, however narrow', async ({ page }) => {
  // keepdim step 3's first option mixes words and code: "A shape `[3]` lines
  // up with the last dim of `t`, which has size 4".
  await page.goto('./#lesson=keepdim&step=3');
  const option = page.locator('.tp-option').first();
  await expect(option).toContainText('lines up with the last dim of');
  const { height, line } = await option.evaluate((label) => ({
    height: label.getBoundingClientRect().height,
    line: parseFloat(getComputedStyle(label).lineHeight) || 1.5 * parseFloat(getComputedStyle(label).fontSize),
  }));
  // About 60 characters in some 250 px: three lines at most, not a column of words.
  expect(height / line).toBeLessThanOrEqual(3.5);
  // The note hiding the transcript wraps rather than running off the phone.
  const output = page.getByTestId('output');
  await expect(output).toHaveText('Answer the question to see what it prints.');
  expect(await output.evaluate((o) => o.scrollWidth <= o.clientWidth)).toBe(true);
});
