// Screenshots for a reviewer, saved under tests/e2e/artifacts/screenshots/
// (git-ignored) and attached to the HTML report: desktop (1280x800) and
// phone (360x740) width, light and dark; a few scenes on the desktop; every
// lesson step at desktop and phone width; and presentation mode on a
// projector (1280x720 CSS pixels: 1920x1080 at 150 %).
import { test, expect } from '@playwright/test';
import { SEED, SEED_T, open, cell, settled } from './helpers.mjs';
import { readFileSync } from 'node:fs';
import { readLesson } from './lesson-source.mjs';

const SHOTS = 'tests/e2e/artifacts/screenshots';
/** The shipped lessons, in the order of the lessons list. */
const LESSON_IDS = readFileSync(new URL('../../www/lessons/index.txt', import.meta.url), 'utf8')
  .split('\n')
  // Each line: the id, then (after a tab) its outline (docs/lessons.md).
  .map((l) => l.split('\t')[0])
  .map((l) => l.trim())
  .filter(Boolean);
const SIZES = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
};
const PROJECTOR = { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5 };

async function shoot(page, testInfo, name, { fullPage = true } = {}) {
  const path = `${SHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Opens a lesson step and waits until its program is drawn (or has drawn nothing). */
async function openStep(page, lesson, n, extra = '') {
  const step = lesson.steps[n - 1];
  await page.goto(`./#lesson=${lesson.id}&step=${n}${extra}`);
  await expect(page.getByTestId('lesson-title')).toHaveText(step.title);
  await expect(page.getByTestId('code')).toHaveValue(step.program);
  await settled(page);
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

// The gradient view (issue 15): a pinned output element's derivatives on a
// chain, light and dark, desktop and phone; a heatmap; the .grad grids after backward.
for (const [size, options] of Object.entries(SIZES)) {
  test(`screenshots: gradient view, ${size}, light and dark`, async ({ browser }, testInfo) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await open(page, 't = torch.tensor([[1.5, -2.25, 3.0], [-0.5, 2.5, -1.25]])\n(t.exp() * t).sum(dim=1)');
    const toggle = page.getByTestId('gradient-toggle');
    if (options.hasTouch) await toggle.tap();
    else await toggle.click();
    await expect(page.getByTestId('gradient-legend')).toHaveAttribute('data-status', 'ready');
    const c = cell(page, '(t.exp() * t).sum(dim=1)', '0');
    if (options.hasTouch) await c.tap();
    else await c.click();
    await expect(page.locator('[data-grad]').first()).toBeAttached();
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme });
      await shoot(page, testInfo, `${size}-${colorScheme}-gradient`);
    }
    await context.close();
  });
}

test('screenshots: gradient view on a heatmap and after backward', async ({ page }, testInfo) => {
  await open(page, 't = torch.randn(24, 24, requires_grad=True)\n(t @ t).sum(dim=0)');
  await page.getByTestId('gradient-toggle').click();
  await expect(page.getByTestId('gradient-legend')).toHaveAttribute('data-status', 'ready');
  const c = cell(page, '(t @ t).sum(dim=0)', '5');
  await c.click();
  await expect(page.locator('[data-grad]').first()).toBeAttached();
  await shoot(page, testInfo, 'desktop-light-gradient-heatmap');
  await open(page, 't = torch.tensor([[1., -2.], [3., 0.5]], requires_grad=True)\nw = torch.tensor([0.5, -1.], requires_grad=True)\ny = (t * w).sum()\ny.backward()');
  await expect(page.getByTestId('tensor-grid')).toHaveCount(6);
  await shoot(page, testInfo, 'desktop-light-backward');
});

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

// Each step as a learner first sees it: the desktop's whole page; on a phone
// the first screen and the screen scrolled to the grids (where the open
// question or the walk-through docks at the foot).
for (const [size, options] of Object.entries(SIZES)) {
  test(`screenshots: every lesson step, ${size}`, async ({ browser }, testInfo) => {
    // 90 s (`test.slow()`) was the time for the 21 steps of the first two lessons.
    const lessons = LESSON_IDS.map(readLesson);
    const steps = lessons.reduce((n, l) => n + l.steps.length, 0);
    test.setTimeout(Math.max(90_000, Math.ceil((90_000 * steps) / 21)));
    const context = await browser.newContext(options);
    const page = await context.newPage();
    for (const lesson of lessons) {
      for (let n = 1; n <= lesson.steps.length; n++) {
        await openStep(page, lesson, n);
        const name = `${size}-lesson-${lesson.id}-${String(n).padStart(2, '0')}`;
        if (size === 'desktop') {
          await shoot(page, testInfo, name);
          continue;
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        await shoot(page, testInfo, `${name}-top`, { fullPage: false });
        const grids = page.locator('.tp-grids');
        if (await grids.count()) {
          await grids.evaluate((g) => window.scrollTo(0, g.getBoundingClientRect().top + scrollY - 4));
          await shoot(page, testInfo, `${name}-grids`, { fullPage: false });
        }
      }
    }
    await context.close();
  });
}

test('screenshots: presentation mode on a projector, light and dark', async ({ browser }, testInfo) => {
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({ ...PROJECTOR, colorScheme });
    const page = await context.newPage();
    const lesson = readLesson('reductions');
    for (const n of [4, 5, 14]) {
      await openStep(page, lesson, n, '&present=1');
      await expect(page.locator('.tp-header')).toBeHidden();
      await shoot(page, testInfo, `projector-present-${colorScheme}-reductions-${String(n).padStart(2, '0')}`, { fullPage: false });
    }
    await open(page, SEED);
    await page.getByTestId('present').click();
    await expect(page.locator('.tp-header')).toBeHidden();
    await shoot(page, testInfo, `projector-present-${colorScheme}-playground`, { fullPage: false });
    await context.close();
  }
});
