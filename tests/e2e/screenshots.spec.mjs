// Screenshots for a reviewer, saved under tests/e2e/artifacts/screenshots/
// (git-ignored) and attached to the HTML report: desktop (1280x800) and
// phone (360x740) width, light and dark; then a few scenes on the desktop.
import { test, expect } from '@playwright/test';
import { SEED, SEED_T, open, cell } from './helpers.mjs';

const SHOTS = 'tests/e2e/artifacts/screenshots';
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
};

async function shoot(page, testInfo, name) {
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

for (const [size, options] of Object.entries(SIZES)) {
  test(`screenshots: ${size}, light and dark`, async ({ browser }, testInfo) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await open(page, SEED);
    // A pinned output cell, so sources, the winner and the pin show.
    const c = cell(page, 't.argmax(dim=1)', '1');
    if (options.hasTouch) await c.tap();
    else await c.click();
    await expect(c).toHaveAttribute('data-active', 'true');
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await shoot(page, testInfo, `${size}-${colorScheme}`);
    }
    await context.close();
  });
}

test('screenshots: desktop scenes (chain, rank 3, summarised, error, lesson)', async ({ page }, testInfo) => {
  const scenes = [
    ['chain', `${SEED_T}\nt.sum(dim=0).argmax()`, 't.sum(dim=0).argmax()', ''],
    ['rank3-keepdim', 't = torch.arange(24.).reshape(2, 3, 4)\nt.max(dim=1, keepdim=True)', 't.max(dim=1, keepdim=True).values', '1,0,2'],
    ['summarised', 'torch.arange(5000.).reshape(50, 100).sum(dim=1)', 'torch.arange(5000.).reshape(50, 100).sum(dim=1)', '1'],
  ];
  for (const [scene, program, gridName, index] of scenes) {
    await open(page, program);
    const c = cell(page, gridName, index);
    await c.click();
    await expect(c).toHaveAttribute('data-active', 'true');
    await shoot(page, testInfo, `desktop-light-${scene}`);
  }
  await open(page, SEED);
  await page.getByTestId('code').fill(`${SEED_T}\nt.sum(dim=5)`);
  await expect(page.getByTestId('error')).toBeVisible();
  await shoot(page, testInfo, 'desktop-light-error');
  await page.goto('./#lesson=reductions&step=1');
  await expect(page.getByTestId('lesson-title')).toBeVisible();
  await shoot(page, testInfo, 'desktop-light-lesson');
});
