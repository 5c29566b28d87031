// The page's layout on the three screens the issue names, light and dark:
// a desktop (1280x800), a phone (360x740, touch) and a projector (a
// 1920x1080 screen at 150 % zoom: a 1280x720 CSS viewport at 1.5 device
// pixels per CSS pixel). The lessons are reachable without scrolling on a
// first visit; on a phone the grids a step asks about or animates can be
// seen together with its question and its Check and Play buttons, and
// cells are touch-sized; presentation mode (`present=1`, contract section
// 6) hides the chrome and fits the screen, and Escape leaves it.
//
// Which grids a step is about comes from the lesson's source (its
// @question and @animate), not from the page.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { readLesson } from './lesson-source.mjs';
import { SEED, fragment, settled } from './helpers.mjs';

const SCREENS = {
  desktop: { viewport: { width: 1280, height: 800 } },
  phone: { viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 },
  projector: { viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1.5 },
};
const SCHEMES = ['light', 'dark'];
/** Every shipped lesson, in the order of the lessons list (reductions first). */
const LESSONS = readFileSync(new URL('../../www/lessons/index.txt', import.meta.url), 'utf8')
  .split('\n')
  // Each line: the id, then (after a tab) its outline (docs/lessons.md).
  .map((l) => l.split('\t')[0])
  .map((l) => l.trim())
  .filter(Boolean)
  .map(readLesson);

/** A first address that starts the playground at once (not the drawn opening view). */
const LIVE = './#lesson=reductions&step=1';

/** Every step of every lesson: [lesson, step number, step]. */
const ALL_STEPS = LESSONS.flatMap((l) => l.steps.map((s, i) => [l, i + 1, s]));

/**
 * The time a test that opens every lesson step is given: what `test.slow()`
 * gave the 21 steps of the first two lessons (90 s), per step, so a new
 * lesson does not make these tests time out.
 */
const EVERY_STEP = Math.max(90_000, Math.ceil((90_000 * ALL_STEPS.length) / 21));

/** A page on `screen` in `colorScheme`; closed with its context. */
async function openOn(browser, screen, colorScheme, url) {
  const context = await browser.newContext({ ...SCREENS[screen], colorScheme });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Opens step `n` of `lesson` (already on the page or not) and waits until it is drawn. */
async function openStep(page, lesson, n, extra = '') {
  await page.goto(`./#lesson=${lesson.id}&step=${n}${extra}`);
  await expect(page.getByTestId('lesson-title')).toHaveText(lesson.steps[n - 1].title);
  await expect(page.getByTestId('code')).toHaveValue(lesson.steps[n - 1].program);
  await settled(page);
}

/** The drawn grids, and a result withheld while its shape is asked. */
function grids(page) {
  return page.locator('[data-testid="tensor-grid"], [data-testid="withheld-result"]');
}

/** The element's box in the page's coordinates (not the viewport's). */
async function pageBox(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + scrollY, bottom: r.bottom + scrollY, left: r.left + scrollX, right: r.right + scrollX };
  });
}

/** Whether the element lies wholly within the viewport as the page is scrolled now. */
async function onScreen(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const [w, h] = [document.documentElement.clientWidth, document.documentElement.clientHeight];
    return r.top >= -0.5 && r.left >= -0.5 && r.bottom <= h + 0.5 && r.right <= w + 0.5;
  });
}

/** Whether the document scrolls, either way. */
async function scrolls(page) {
  return page.evaluate(() => {
    const d = document.documentElement;
    return { down: d.scrollHeight > d.clientHeight, across: d.scrollWidth > d.clientWidth };
  });
}

/**
 * Scrolls the first of `grids` to the top of the screen and says what is
 * wrong with what the learner then sees: each grid must be wholly on the
 * screen and uncovered by `panel` (the question or the walk-through, which
 * may dock at the foot of the screen), and `button` on the screen.
 */
async function seenTogether(page, gridList, panel, button) {
  // (The button's own place moves while it docks: the grids decide.)
  const boxes = await Promise.all((gridList.length ? gridList : [button]).map(pageBox));
  await page.evaluate((y) => window.scrollTo(0, y - 4), Math.min(...boxes.map((b) => b.top)));
  const wrong = [];
  const cover = await panel.boundingBox();
  for (const g of gridList) {
    const name = await g.getAttribute('data-name');
    if (!(await onScreen(g))) wrong.push(`grid ${name} is not wholly on the screen`);
    const box = await g.boundingBox();
    if (box.y + box.height > cover.y + 0.5 && cover.y + cover.height > box.y + 0.5) wrong.push(`grid ${name} is under the ${await panel.getAttribute('aria-label')}`);
  }
  if (!(await onScreen(button))) wrong.push(`${await button.textContent()} is not on the screen`);
  return wrong;
}

for (const colorScheme of SCHEMES) {
  test.describe(`${colorScheme}`, () => {
    for (const screen of Object.keys(SCREENS)) {
      test(`${screen}: a first visit shows the lessons without scrolling`, async ({ browser }) => {
        const page = await openOn(browser, screen, colorScheme, './');
        const first = page.getByTestId('lesson-list').getByRole('link').first();
        await expect(first).toBeVisible();
        // The opening view drawn into the page, and the playground that wakes in its place.
        expect(await onScreen(first), 'in the drawn opening view').toBe(true);
        await page.locator('.tp-tagline').hover();
        await expect(page.locator('body:not([data-tp-drawn])')).toBeAttached();
        expect(await onScreen(page.getByTestId('lesson-list').getByRole('link').last()), 'every lesson').toBe(true);
        // A link to a program shows them too.
        await page.goto(`./${fragment(SEED)}`);
        await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
        expect(await onScreen(page.getByTestId('lesson-list').getByRole('link').first()), 'with a program linked').toBe(true);
        expect(await scrolls(page)).toMatchObject({ across: false });
        await page.context().close();
      });
    }

    test('desktop: the program and its controls leave the first screen to the grids', async ({ browser }) => {
      const page = await openOn(browser, 'desktop', colorScheme, `./${fragment(SEED)}`);
      await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
      // A two-line program takes three lines (its last one is empty), not five.
      const editor = await page.getByTestId('code').boundingBox();
      const line = await page.getByTestId('code').evaluate((ta) => parseFloat(getComputedStyle(ta).lineHeight));
      expect(editor.height).toBeLessThanOrEqual(3 * line + 20);
      // The controls take one line, and every grid and the output are on the first screen.
      const toolbar = await page.locator('.tp-toolbar').boundingBox();
      expect(toolbar.height).toBeLessThanOrEqual(48);
      for (const g of await page.getByTestId('tensor-grid').all()) expect(await onScreen(g)).toBe(true);
      expect(await onScreen(page.getByTestId('output'))).toBe(true);
      await page.context().close();
    });

    test('phone: each lesson step shows the grids it asks about with its question, Check and Play', async ({ browser }) => {
      test.setTimeout(EVERY_STEP);
      const page = await openOn(browser, 'phone', colorScheme, LIVE);
      const viewport = page.viewportSize();
      const wrong = [];
      for (const [lesson, n, step] of ALL_STEPS) {
        if (!step.question && !step.animate) continue;
        await openStep(page, lesson, n);
        const where = `${lesson.id} step ${n}`;
        const all = grids(page);
        const drawn = (await all.count()) > 0;
        // The question first: a cells question is about the input its cells
        // are picked from (the first grid), the others about the result
        // (some steps' results are not tensors: nothing is drawn).
        if (step.question) {
          const asked = !drawn ? [] : [step.question.kind === 'cells' ? all.first() : all.last()];
          const seen = await seenTogether(page, asked, page.getByTestId('question'), page.getByTestId('check'));
          wrong.push(...seen.map((w) => `${where}, question: ${w}`));
          await page.getByTestId('reveal').click();
        }
        // Then the walk-through, from its input to its result: together,
        // where the two and the walk-through's panel fit one screen (a
        // rank-3 input with 40 px cells may not: then each with Play).
        if (step.animate) {
          const player = page.locator('.tp-player');
          const [input, result] = await Promise.all([all.first(), all.last()].map(pageBox));
          const room = viewport.height - (await player.boundingBox()).height - 8;
          const walked = result.bottom - input.top <= room ? [[all.first(), all.last()]] : [[all.first()], [all.last()]];
          for (const gs of walked) {
            const seen = await seenTogether(page, gs, player, page.getByTestId('play'));
            wrong.push(...seen.map((w) => `${where}, walk-through: ${w}`));
          }
        }
        expect((await scrolls(page)).across, `${where}: no sideways scrolling`).toBe(false);
      }
      expect(wrong).toEqual([]);
      await page.context().close();
    });

    test('phone: cells are at least 40 px wherever the grid fits the screen', async ({ browser }) => {
      test.setTimeout(EVERY_STEP);
      const page = await openOn(browser, 'phone', colorScheme, `./${fragment(SEED)}`);
      const small = async (where) =>
        page.getByTestId('tensor-grid').evaluateAll((gs, where) => {
          const out = [];
          for (const g of gs) {
            const body = g.querySelector('.tp-grid-body') ?? g;
            if (body.scrollWidth > body.clientWidth + 1) continue; // scrolls inside itself: does not fit
            for (const c of g.querySelectorAll('[role="gridcell"]')) {
              const r = c.getBoundingClientRect();
              if (r.width < 39.5 || r.height < 39.5) {
                out.push(`${where}: ${g.dataset.name}[${c.dataset.index}] is ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
              }
            }
          }
          return out;
        }, where);
      await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
      const found = await small('the opening program');
      for (const [lesson, n] of ALL_STEPS) {
        if (lesson.steps[n - 1].question?.kind === 'shape') continue; // the result is withheld
        await openStep(page, lesson, n);
        found.push(...(await small(`${lesson.id} step ${n}`)));
      }
      expect(found).toEqual([]);
      await page.context().close();
    });

    test('projector: the lesson and the program leave the screen to the grids', async ({ browser }) => {
      test.setTimeout(EVERY_STEP);
      const page = await openOn(browser, 'projector', colorScheme, LIVE);
      const fit = [];
      for (const [lesson, n] of ALL_STEPS) {
        await openStep(page, lesson, n);
        const where = `${lesson.id} step ${n}`;
        expect((await scrolls(page)).across, where).toBe(false);
        // The whole lesson step, stepper included, and the program are on the first screen.
        for (const id of ['lesson-title', 'lesson-next', 'code']) {
          expect(await onScreen(page.getByTestId(id)), `${where}: ${id}`).toBe(true);
        }
        const side = page.locator('.tp-lesson-side');
        expect(await side.evaluate((s) => s.scrollHeight <= s.clientHeight + 1), `${where}: the lesson's column scrolls`).toBe(true);
        // The editor is as tall as the program (with the empty line the
        // caret ends on), and the controls take one line: for the usual
        // two-line program, under a quarter of the screen (they took 40 %).
        const lines = lesson.steps[n - 1].program.split('\n').length;
        const editor = page.getByTestId('code');
        const line = await editor.evaluate((ta) => parseFloat(getComputedStyle(ta).lineHeight));
        expect((await editor.boundingBox()).height, `${where}: editor`).toBeLessThanOrEqual(lines * line + 20);
        expect((await page.locator('.tp-toolbar').boundingBox()).height, `${where}: controls`).toBeLessThanOrEqual(48);
        if (lines <= 3) {
          const toolbar = await page.locator('.tp-toolbar').boundingBox();
          const program = await editor.boundingBox();
          expect(toolbar.y + toolbar.height - program.y, `${where}: program and controls`).toBeLessThanOrEqual(0.25 * 720);
        }
        // The first grid starts on the first screen: in its top half, or,
        // under a long program, right below the controls.
        if (await grids(page).count()) {
          const top = (await grids(page).first().boundingBox()).y;
          const controls = await page.locator('.tp-toolbar').boundingBox();
          const below = lines > 6 ? controls.y + controls.height + 40 : 720 / 2;
          expect(top, where).toBeLessThan(Math.max(720 / 2, below));
        }
        if (!(await scrolls(page)).down) fit.push(where);
      }
      // Most steps of the lessons on one tensor and its reduction fit whole;
      // a long flow of grids (a product's three, softmax's chain) needs
      // presentation mode (below), which every step passes.
      const single = ALL_STEPS.filter(([lesson]) => ['reductions', 'keepdim'].includes(lesson.id));
      const singleFit = fit.filter((w) => /^(reductions|keepdim) /.test(w));
      expect(singleFit.length, `fit whole: ${fit.join(', ')}`).toBeGreaterThanOrEqual(single.length / 2);
      await page.context().close();
    });

    test('presentation mode: chrome hidden, large type, every lesson step fits the projector', async ({ browser }) => {
      test.setTimeout(Math.max(240_000, Math.ceil((240_000 * ALL_STEPS.length) / 21)));
      const page = await openOn(browser, 'projector', colorScheme, LIVE);
      await openStep(page, LESSONS[0], 4);
      const normal = await valueSize(page);
      for (const [lesson, n] of ALL_STEPS) {
        await openStep(page, lesson, n, '&present=1');
        const where = `${lesson.id} step ${n}`;
        for (const hidden of [page.locator('.tp-header'), page.getByRole('link', { name: 'All lessons', exact: true }), page.getByTestId('copy-link')]) {
          expect(await hidden.isVisible(), `${where}: chrome`).toBe(false);
        }
        await expect(page.getByTestId('lesson-next')).toBeVisible();
        if (lesson.steps[n - 1].question) await expect(page.getByTestId('question')).toBeVisible();
        await expect.poll(() => scrolls(page), where).toEqual({ down: false, across: false });
        for (const g of await grids(page).all()) expect(await onScreen(g), `${where}: a grid`).toBe(true);
        if (n === 4 && lesson === LESSONS[0]) expect(await valueSize(page)).toBeGreaterThanOrEqual(normal * 1.2);
      }
      await page.context().close();
    });
  });
}

/** The font size of the first drawn value, in CSS pixels. */
function valueSize(page) {
  return page
    .getByRole('gridcell')
    .first()
    .evaluate((c) => parseFloat(getComputedStyle(c).fontSize));
}

test.describe('presentation mode', () => {
  test.use(SCREENS.projector);

  test('"Present" enters it and keeps the program in the address; Escape and "Exit presentation" leave it', async ({ page }) => {
    await page.goto(`./${fragment(SEED)}`);
    await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
    await expect(page.getByTestId('lesson-list')).toBeVisible();
    await page.getByTestId('present').click();
    await expect(page.getByTestId('present')).toHaveText('Exit presentation');
    const hash = () => new URLSearchParams(new URL(page.url()).hash.slice(1));
    expect(hash().get('present')).toBe('1');
    expect(hash().get('code')).toBe(SEED);
    await expect(page.locator('.tp-header')).toBeHidden();
    await expect(page.getByTestId('lesson-list')).toBeHidden();
    await expect.poll(() => scrolls(page)).toEqual({ down: false, across: false });
    // The controls still work, and the address keeps both keys.
    await page.getByTestId('op').selectOption('sum');
    await expect(page.getByTestId('code')).toHaveValue(SEED.replace('argmax', 'sum'));
    expect(hash().get('present')).toBe('1');
    await page.keyboard.press('Escape');
    await expect(page.locator('.tp-header')).toBeVisible();
    await expect(page.getByTestId('present')).toHaveText('Present');
    expect(hash().get('present')).toBeNull();
    expect(hash().get('code')).toBe(SEED.replace('argmax', 'sum'));
    // Back to the page's own type size.
    expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();
    await page.getByTestId('present').click();
    await expect(page.locator('.tp-header')).toBeHidden();
    await page.getByTestId('present').click();
    await expect(page.locator('.tp-header')).toBeVisible();
  });

  test('in a lesson it stays on through the steps; Escape first lets go of a pinned cell', async ({ page }) => {
    const lesson = LESSONS[0];
    await openStep(page, lesson, 9, '&present=1');
    await expect(page.locator('.tp-header')).toBeHidden();
    // Step 9 starts with an element pinned.
    await expect(page.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(1);
    await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('lesson-title')).toHaveText(lesson.steps[9].title);
    expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('present')).toBe('1');
    await expect(page.locator('.tp-header')).toBeHidden();
    await page.getByTestId('lesson-prev').click();
    await expect(page.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(page.locator('[role="gridcell"][aria-selected="true"]')).toHaveCount(0);
    await expect(page.locator('.tp-header')).toBeHidden();
    await page.keyboard.press('Escape');
    await expect(page.locator('.tp-header')).toBeVisible();
    const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
    expect([hash.get('lesson'), hash.get('step'), hash.get('present')]).toEqual([lesson.id, '9', null]);
  });

  test('the fragment turns it on and off while the page is open, and an answer box keeps its Escape', async ({ page }) => {
    await page.goto(`./${fragment(SEED)}`);
    await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
    await page.evaluate(() => (location.hash += '&present=1'));
    await expect(page.locator('.tp-header')).toBeHidden();
    await page.evaluate(() => (location.hash = location.hash.replace('&present=1', '')));
    await expect(page.locator('.tp-header')).toBeVisible();
    // A print question's answer box: Escape there is the box's.
    await openStep(page, LESSONS[0], 1, '&present=1');
    const answer = page.getByRole('textbox', { name: /^Your answer/ });
    await answer.fill('tensor(8.)');
    await answer.press('Escape');
    await expect(page.locator('.tp-header')).toBeHidden();
  });
});
