// The playground inside each course platform, as a reader of the built
// course sees it (issue 16): the pages scripts/build-platforms built with
// MkDocs Material, mdBook and MyST, a Canvas / Moodle page, and a marimo
// notebook with the Jupyter widget. Expected values are PyTorch's, for the
// programs in platforms/ (sums of [[1, 2, 3], [4, 5, 6]]).
import { test, expect } from '@playwright/test';

const SITE = `http://127.0.0.1:${process.env.TP_PLATFORMS_PORT}/`;
const MARIMO = process.env.TP_MARIMO_URL;

/** The playgrounds of the page: every <tensor-playground>, or the mounted boxes of widgets. */
const playgrounds = (page, selector = 'tensor-playground') => page.locator(selector);

test('MkDocs Material: fences become playgrounds that follow the reader\'s dark-mode switch', async ({ page }) => {
  await page.goto(`${SITE}mkdocs/index.html`);
  const [sum, rows] = [playgrounds(page).nth(0), playgrounds(page).nth(1)];
  await expect(playgrounds(page)).toHaveCount(2);
  await expect(sum.getByTestId('output')).toHaveText('tensor(21.)');
  await expect(sum.getByTestId('tensor-grid').first()).toHaveAttribute('data-shape', '2,3');
  // The second fence's options: read-only, only the output panel.
  await expect(rows.getByTestId('output')).toHaveText('tensor([5., 7., 9.])');
  await expect(rows.getByTestId('code')).toHaveCount(0);
  // Material's palette toggle switches the page, and the playgrounds with it.
  await expect(sum).not.toHaveAttribute('data-theme', 'dark');
  await page.locator('label[title="Dark mode"]:visible').click();
  await expect(page.locator('body')).toHaveAttribute('data-md-color-scheme', 'slate');
  await expect(sum).toHaveAttribute('data-theme', 'dark');
  await expect(rows).toHaveAttribute('data-theme', 'dark');
});

test('mdBook: the preprocessor turns fences into playgrounds, on pages at any depth', async ({ page }) => {
  await page.goto(`${SITE}mdbook/reductions.html`);
  await expect(playgrounds(page)).toHaveCount(1);
  await expect(playgrounds(page).getByTestId('output')).toHaveText('tensor(21.)');
  // Pointing at the result lights up every element of t.
  await playgrounds(page).locator('[data-name="t.sum()"] [role="gridcell"]').hover();
  await expect(playgrounds(page).locator('[data-name="t"] [data-source="true"]')).toHaveCount(6);
  // mdBook's own dark themes switch the playground too.
  await page.evaluate(() => document.documentElement.classList.replace('light', 'coal'));
  await expect(playgrounds(page)).toHaveAttribute('data-theme', 'dark');

  await page.goto(`${SITE}mdbook/dims/along-a-dim.html`);
  await expect(playgrounds(page).getByTestId('output')).toHaveText('tensor([5., 7., 9.])');
  await expect(playgrounds(page).getByTestId('code')).toHaveCount(0);
});

test('MyST / Jupyter Book 2: the {anywidget} blocks show playgrounds, without a kernel', async ({ page }) => {
  await page.goto(`${SITE}myst/index.html`);
  const widgets = playgrounds(page, '.tensor-playground-widget');
  await expect(widgets).toHaveCount(2);
  await expect(widgets.nth(0).getByTestId('output')).toHaveText('tensor([5., 7., 9.])');
  await expect(widgets.nth(1).getByTestId('lesson-progress')).toHaveText(/^4 \//);
  await expect(widgets.nth(1).getByTestId('code')).toHaveCount(0);
});

test('Canvas / Moodle: the pasted iframe is sized by lti.frameResize', async ({ page }) => {
  const messages = [];
  await page.exposeFunction('__record', (m) => messages.push(m));
  await page.addInitScript(() => {
    if (window === window.top) addEventListener('message', (e) => window.__record(e.data));
  });
  await page.goto(`${SITE}lms/course-page.html`);
  const frame = page.frameLocator('#playground');
  await expect(frame.getByTestId('lesson-progress')).toHaveText(/^4 \//);
  const resizes = () => messages.filter((m) => m?.subject === 'lti.frameResize');
  await expect.poll(() => resizes().length).toBeGreaterThan(0);
  expect(resizes().at(-1)).toEqual({ subject: 'lti.frameResize', height: expect.any(Number) });
  // The frame has the height the latest message asked for (the lesson may
  // still be settling, and ask again, while this waits).
  await expect
    .poll(async () => {
      const height = await page.locator('#playground').evaluate((f) => f.getBoundingClientRect().height);
      return height === resizes().at(-1).height ? 'as asked' : `${height}, asked ${resizes().at(-1).height}`;
    })
    .toBe('as asked');
  expect(resizes().at(-1).height).not.toBe(480);
});

test('Jupyter widget (in marimo): Playground(code=...) shows the playground, and Python sees the learner\'s program', async ({ page }) => {
  // The config starts marimo and reads its URL from what it prints: a
  // marimo that printed none fails here rather than passing unseen.
  expect(MARIMO, 'marimo printed the URL it serves').toMatch(/^http:/);
  await page.goto(MARIMO);
  const playground = page.locator('.tensor-playground-widget');
  await expect(playground.getByTestId('output')).toHaveText('tensor([5., 7., 9.])', { timeout: 45_000 });
  await expect(page.getByText('The program has 2 lines.')).toBeVisible();
  // The learner adds a line: the widget's `code` follows, and marimo re-runs the cell reading it.
  await playground.getByTestId('code').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nt.max()');
  await expect(playground.getByTestId('output')).toContainText('tensor(6.)');
  await expect(page.getByText('The program has 3 lines.')).toBeVisible();
});
