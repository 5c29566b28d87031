// Contract sections 1 and 2, the lesson rows: `#lesson=<id>&step=<n>`,
// lesson-title, lesson-progress ("n / N"), lesson-prev and lesson-next
// (disabled at the ends). The expected titles and the number of steps are
// read from the lesson's own Markdown source (www/lessons/reductions.md),
// so the spec follows the lesson as its author edits it.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const ID = 'reductions';

/** The step titles of a lesson: its `## ` headings outside code fences, as plain text. */
function stepTitles(id) {
  const source = readFileSync(new URL(`../../www/lessons/${id}.md`, import.meta.url), 'utf8');
  const titles = [];
  let fenced = false;
  for (const line of source.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && line.startsWith('## ')) titles.push(line.slice(3).replace(/[`*_]/g, '').trim());
  }
  return titles;
}

const TITLES = stepTitles(ID);
const N = TITLES.length;

function stepOf(url) {
  const params = new URLSearchParams(new URL(url).hash.slice(1));
  return [params.get('lesson'), params.get('step')];
}

test('a lesson URL opens that step: title, progress, and the stepper disabled at the ends', async ({ page }) => {
  expect(N).toBeGreaterThan(2);
  await page.goto(`./#lesson=${ID}&step=1`);
  await expect(page.getByTestId('lesson-title')).toHaveText(TITLES[0]);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`1 / ${N}`);
  await expect(page.getByTestId('lesson-prev')).toBeDisabled();
  await expect(page.getByTestId('lesson-next')).toBeEnabled();
  // The step's program is evaluated and drawn.
  await expect(page.getByTestId('tensor-grid').first()).toBeVisible();

  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-title')).toHaveText(TITLES[1]);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`2 / ${N}`);
  await expect(page.getByTestId('lesson-prev')).toBeEnabled();
  expect(stepOf(page.url())).toEqual([ID, '2']);

  await page.getByTestId('lesson-prev').click();
  await expect(page.getByTestId('lesson-progress')).toHaveText(`1 / ${N}`);
  expect(stepOf(page.url())).toEqual([ID, '1']);

  await page.goto(`./#lesson=${ID}&step=${N}`);
  await page.reload();
  await expect(page.getByTestId('lesson-title')).toHaveText(TITLES[N - 1]);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`${N} / ${N}`);
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  await expect(page.getByTestId('lesson-prev')).toBeEnabled();
});

test('steps are history entries: back and forward move between them', async ({ page }) => {
  await page.goto(`./#lesson=${ID}&step=2`);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`2 / ${N}`);
  await page.getByTestId('lesson-next').click();
  await expect(page.getByTestId('lesson-title')).toHaveText(TITLES[2]);
  await page.goBack();
  await expect(page.getByTestId('lesson-title')).toHaveText(TITLES[1]);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`2 / ${N}`);
  await page.goForward();
  await expect(page.getByTestId('lesson-progress')).toHaveText(`3 / ${N}`);
});

test('a step past the end shows the last step, and the URL says which', async ({ page }) => {
  await page.goto(`./#lesson=${ID}&step=99`);
  const n = stepTitles(ID).length;
  await expect(page.getByTestId('lesson-progress')).toHaveText(`${n} / ${n}`);
  await expect.poll(() => new URL(page.url()).hash).toBe(`#lesson=${ID}&step=${n}`);
});

test('a lesson that does not exist says so, with no stepper counting "1 / 0"', async ({ page }) => {
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));
  await page.goto('./#lesson=nope');
  // Checked against the lesson list: its file is never asked for.
  await expect(page.locator('.tp-lesson [role="alert"]')).toHaveText('There is no lesson called “nope”.');
  expect(asked).toContain('/lessons/index.txt');
  expect(asked.filter((p) => p.includes('nope'))).toEqual([]);
  await expect(page.getByTestId('lesson-progress')).toBeHidden();
  await expect(page.getByTestId('lesson-next')).toBeHidden();
  await expect(page.getByText('1 / 0')).toHaveCount(0);
  await expect(page.locator('.tp-lesson').getByRole('link', { name: 'All lessons' })).toBeVisible();
});

test('the playground without a lesson has no lesson elements', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
  for (const id of ['lesson-title', 'lesson-progress', 'lesson-prev', 'lesson-next']) {
    await expect(page.getByTestId(id)).toHaveCount(0);
  }
});

test('a lesson player that cannot be downloaded is reported, the playground keeps working, and "Try again" loads it', async ({ page }) => {
  // The lesson player is a wasm file of its own, fetched when a lesson opens.
  let offline = true;
  const requested = [];
  await page.route(/split_lesson_player\.wasm$/, (route) => {
    requested.push(route.request().url());
    return offline ? route.abort('internetdisconnected') : route.continue();
  });
  await page.goto(`./#lesson=${ID}&step=1`);
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await expect(alert).toBeVisible();
  expect(requested.length).toBeGreaterThan(0);
  // The rest of the page is alive (the wasm did not stop): a program still runs.
  await page.getByTestId('code').fill('t = torch.ones(2)\nt.sum()');
  await expect(page.getByTestId('output')).toHaveText('tensor(2.)');
  await expect(page.locator('.tp-result [role=gridcell]')).toHaveCount(1);
  offline = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('lesson-title')).toHaveText(TITLES[0]);
  await expect(alert).toHaveCount(0);
});
