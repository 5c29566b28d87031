// Keyboard use (contract section 3): Tab into a grid, arrows move
// the focus inside it, Tab moves to the next grid, Enter pins.
import { test, expect } from '@playwright/test';
import { SEED, open, at, expectMarks, expectNoMarks } from './helpers.mjs';

const ROW = (i) => [0, 1, 2, 3].map((j) => `${i},${j}`);
const OUT = 't.argmax(dim=1)';

/** "gridName@index" of the focused cell, or the focused element's tag. */
async function focused(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const g = e?.closest('[data-testid="tensor-grid"]');
    return g ? `${g.getAttribute('data-name')}@${e.getAttribute('data-index')}` : e?.tagName;
  });
}

test('Tab reaches the grids, arrows move inside one, Tab moves to the next, Enter pins', async ({ page }) => {
  await open(page, SEED);
  // From the editor, Tab through the controls until a cell has the focus.
  await page.getByTestId('code').click();
  let steps = 0;
  while (!(await focused(page)).includes('@') && steps < 12) {
    await page.keyboard.press('Tab');
    steps += 1;
  }
  expect(await focused(page)).toBe('t@0,0');
  await expectMarks(page, { active: at('t', ['0,0']), target: at(OUT, ['0']) });

  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('t@0,1');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('t@1,1');
  await expectMarks(page, { active: at('t', ['1,1']), target: at(OUT, ['1']) });
  await page.keyboard.press('End');
  expect(await focused(page)).toBe('t@1,3');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('t@2,3');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  expect(await focused(page)).toBe('t@1,2');

  // Tab leaves the grid for the next one.
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(`${OUT}@0`);
  await expectMarks(page, { active: at(OUT, ['0']), source: at('t', ROW(0)), winner: at('t', ['0,3']) });
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe(`${OUT}@1`);
  await expectMarks(page, { active: at(OUT, ['1']), source: at('t', ROW(1)), winner: at('t', ['1,1']) });
  // Shift+Tab returns to the cell the first grid was left on.
  await page.keyboard.press('Shift+Tab');
  expect(await focused(page)).toBe('t@1,2');
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe(`${OUT}@1`);

  // Enter pins: the highlight stays when the focus leaves the grids.
  await page.keyboard.press('Enter');
  await page.getByTestId('code').focus();
  await expectMarks(page, { active: at(OUT, ['1']), source: at('t', ROW(1)), winner: at('t', ['1,1']) });
  // Back to it and Enter again: unpinned, and leaving clears.
  await page.locator(`[data-testid="tensor-grid"][data-name="${OUT}"] [data-index="1"]`).focus();
  expect(await focused(page)).toBe(`${OUT}@1`);
  await page.keyboard.press('Enter');
  await page.getByTestId('code').focus();
  await expectNoMarks(page);
});

test('the focused cell is visibly outlined', async ({ page }) => {
  await open(page, SEED);
  const c = page.locator(`[data-testid="tensor-grid"][data-name="${OUT}"] [data-index="1"]`);
  await page.getByTestId('code').click();
  await c.focus();
  // A keyboard-driven focus ring: outline wider than zero, not 'none'.
  await page.keyboard.press('ArrowLeft');
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(style.style).not.toBe('none');
  expect(style.width).toBeGreaterThan(0);
});

test('F2 edits the focused input cell from the keyboard; Enter commits it', async ({ page }) => {
  await open(page, SEED);
  await page.locator('[data-testid="tensor-grid"][data-name="t"] [data-index="2,0"]').focus();
  await page.keyboard.press('F2');
  await page.keyboard.type('-1.5');
  await page.keyboard.press('Enter');
  // Row 2 becomes [-1.5, 0, 0, 5]; its argmax stays 3, and the literal is rewritten.
  await expect(page.getByTestId('code')).toHaveValue(
    't = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [-1.5, 0, 0, 5]], dtype=torch.float32)\nt.argmax(dim=1)\n',
  );
  await expect(page.locator('[data-testid="tensor-grid"][data-name="t"] [data-index="2,0"]')).toHaveText('-1.5000');
});

test('in a grid of blocks, the arrows go to the block drawn below or beside', async ({ page }) => {
  // t[i, j] blocks: j across, i down; each block 2 x 2.
  await open(page, 't = torch.arange(24).reshape(2, 3, 2, 2)\nt.sum(dim=0)');
  await page.locator('[data-testid="tensor-grid"][data-name="t"] [data-index="0,0,1,1"]').focus();
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('t@0,1,1,0');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('t@1,1,0,0');
  // And the cell it lands on is drawn where the arrow points.
  const box = async (i) =>
    page.locator(`[data-testid="tensor-grid"][data-name="t"] [data-index="${i}"]`).boundingBox();
  const [from, below, beside] = [await box('0,1,1,0'), await box('1,1,0,0'), await box('0,1,1,0')];
  expect(below.y).toBeGreaterThan(from.y);
  expect(Math.abs(below.x - from.x)).toBeLessThan(2);
  expect((await box('0,0,1,1')).x).toBeLessThan(beside.x);
  await page.keyboard.press('ArrowUp');
  expect(await focused(page)).toBe('t@0,1,1,0');
  await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toBe('t@0,0,1,1');
  // A computed tensor's block titles index it as a whole.
  await open(page, 't = torch.arange(24).reshape(2, 3, 2, 2)\n(t + 1).sum(dim=0)');
  await expect(page.locator('[data-testid="tensor-grid"][data-name="t + 1"] .tp-block-title').first()).toHaveText(
    '(t + 1)[0, 0]',
  );
});
