// What a course author writes into their own pages (issue 16): the program
// as a <tensor-playground>'s text content, lessons from the author's own
// site (lesson-url), a playground that follows the host page's dark mode,
// and a visible message, in the playground's box, when its files cannot be
// loaded. The host page is on origin A; the playground comes from origin B
// (CORS, under /course/playground/), as a course site would load it.
import { test, expect } from '@playwright/test';
import { A, B, PLAYGROUND, HOST_PAGE } from './course-host.mjs';

/** The example lesson a course keeps on its own site (www/examples/lessons/). */
const LESSON = `${A}/examples/lessons/row-means.md`;
const LESSON_TITLES = ['The mean of each row', 'Centring the rows'];

/** Opens the empty host page on A, with the playground's module from B loaded. */
async function openHost(page) {
  await page.goto(HOST_PAGE);
  await page.evaluate((base) => import(`${base}tensor-playground.js`), PLAYGROUND);
}

/** Adds `html` to the host page's <main>. */
function add(page, html) {
  return page.evaluate((html) => document.querySelector('main').insertAdjacentHTML('beforeend', html), html);
}

test.describe('the element', () => {
  test('runs the program it holds as text, and the code attribute wins', async ({ page }) => {
    await openHost(page);
    await add(
      page,
      `<tensor-playground id="text">
         t = torch.tensor([[1., 2.], [3., 4.]])
         t.sum(dim=0)
       </tensor-playground>
       <tensor-playground id="both" code="t = torch.ones(3)&#10;t.sum()">t = torch.zeros(2)</tensor-playground>`,
    );
    const text = page.locator('#text');
    await expect(text.getByTestId('code')).toHaveValue('t = torch.tensor([[1., 2.], [3., 4.]])\nt.sum(dim=0)');
    await expect(text.getByTestId('output')).toHaveText('tensor([4., 6.])');
    await expect(page.locator('#both').getByTestId('output')).toHaveText('tensor(3.)');
    // A script changing the text shows the new program.
    await text.evaluate((el) => {
      el.textContent = 't = torch.tensor([1., 2., 3.])\nt.max()';
    });
    await expect(text.getByTestId('output')).toHaveText('tensor(3.)');
  });

  test('bad attributes are refused by name, in the box', async ({ page }) => {
    await openHost(page);
    await add(page, '<tensor-playground id="bad" lesson="reductions" step="two"></tensor-playground>');
    await expect(page.locator('#bad [role="alert"]')).toHaveText(/step: `two` is not a step number/);
  });
});

test.describe('lessons from the author\'s site', () => {
  test('lesson-url opens a lesson file of the host page\'s own site: element, mount() and iframe', async ({ page }) => {
    await openHost(page);
    await add(page, `<tensor-playground id="element" lesson-url="/examples/lessons/row-means.md"></tensor-playground>`);
    const element = page.locator('#element');
    await expect(element.getByTestId('lesson-title')).toHaveText(LESSON_TITLES[0]);
    await expect(element.getByTestId('lesson-progress')).toHaveText('1 / 2');
    await element.getByTestId('lesson-next').click();
    await expect(element.getByTestId('lesson-title')).toHaveText(LESSON_TITLES[1]);

    // mount(), relative to the host page, at step 2; the events name the lesson by its address.
    const state = await page.evaluate(async (base) => {
      const { mount } = await import(`${base}tensor-playground.js`);
      const el = document.createElement('div');
      el.id = 'mounted';
      document.querySelector('main').append(el);
      window.__steps = [];
      const handle = await mount(el, { lessonUrl: 'examples/lessons/row-means.md', step: 2 });
      handle.on('step', (m) => window.__steps.push(m));
      window.__handle = handle;
    }, PLAYGROUND);
    expect(state).toBeUndefined();
    await expect(page.locator('#mounted').getByTestId('lesson-title')).toHaveText(LESSON_TITLES[1]);
    await expect.poll(() => page.evaluate(() => window.__handle.getState().lesson)).toBe(LESSON);
    await expect.poll(() => page.evaluate(() => window.__steps.at(-1))).toEqual({
      type: 'tensor-playground:step',
      version: 1,
      lesson: LESSON,
      step: 2,
    });

    // An iframe (the playground on B) given the lesson's address on B's own site.
    await add(
      page,
      `<iframe id="frame" src="${PLAYGROUND}index.html#embed=1&lesson-url=${encodeURIComponent(
        `${PLAYGROUND}examples/lessons/row-means.md`,
      )}&step=2"></iframe>`,
    );
    await expect(page.frameLocator('#frame').getByTestId('lesson-title')).toHaveText(LESSON_TITLES[1]);
  });

  test('what is wrong with a lesson file is said in the page', async ({ page }) => {
    await openHost(page);
    await page.route(`${A}/course/broken.md`, (route) =>
      route.fulfill({ contentType: 'text/markdown', body: '# Broken\nid: broken\nsummary: x\n\n## A step\n\n@question nonsense\n' }),
    );
    await add(
      page,
      `<tensor-playground id="broken" lesson-url="/course/broken.md"></tensor-playground>
       <tensor-playground id="missing" lesson-url="/course/missing.md"></tensor-playground>`,
    );
    await expect(page.locator('#broken [role="alert"]')).toHaveText(
      new RegExp(`The lesson at ${A}/course/broken\\.md has a mistake: line \\d+`),
    );
    await expect(page.locator('#missing [role="alert"]')).toHaveText(
      `There is no lesson file at ${A}/course/missing.md (HTTP 404): check the lesson-url.`,
    );
    // A lesson on another site that sends no CORS header: the iframe on B asks A.
    await add(
      page,
      `<iframe id="frame" src="${PLAYGROUND}index.html#embed=1&lesson-url=${encodeURIComponent(LESSON)}"></iframe>`,
    );
    await expect(page.frameLocator('#frame').locator('[role="alert"]')).toContainText('Access-Control-Allow-Origin');
  });
});

test.describe('the host page', () => {
  test('theme="auto" follows the host page\'s own dark-mode switch, live', async ({ page }) => {
    await openHost(page);
    await add(
      page,
      `<tensor-playground id="auto" code="t = torch.ones(2)&#10;t.sum()"></tensor-playground>
       <tensor-playground id="light" theme="light" code="t = torch.ones(2)&#10;t.sum()"></tensor-playground>`,
    );
    const auto = page.locator('#auto');
    await expect(auto.getByTestId('output')).toHaveText('tensor(2.)');
    const theme = (id) => page.locator(id).evaluate((el) => el.dataset.theme ?? null);
    const background = () =>
      auto.locator('.tp-host').evaluate((el) => getComputedStyle(el.getRootNode().host).colorScheme);
    expect(await theme('#auto')).toBeNull();
    // Each site's switch, set and cleared in turn: Jupyter Book, MkDocs Material, Quarto, mdBook.
    const switches = [
      ['html', 'data-theme', 'dark', 'light'],
      ['body', 'data-md-color-scheme', 'slate', 'default'],
      ['body', 'class', 'quarto-dark', 'quarto-light'],
      ['html', 'class', 'coal', 'light'],
    ];
    for (const [where, attribute, dark, light] of switches) {
      const set = (value) =>
        page.evaluate(([where, attribute, value]) => document.querySelector(where).setAttribute(attribute, value), [where, attribute, value]);
      await set(dark);
      await expect.poll(() => theme('#auto'), `${where} ${attribute}=${dark}`).toBe('dark');
      await expect.poll(background).toBe('dark');
      await set(light);
      await expect.poll(() => theme('#auto'), `${where} ${attribute}=${light}`).toBe('light');
      await page.evaluate(([where, attribute]) => document.querySelector(where).removeAttribute(attribute), [where, attribute]);
      await expect.poll(() => theme('#auto')).toBeNull();
    }
    // A theme given explicitly is kept.
    await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
    await expect.poll(() => theme('#auto')).toBe('dark');
    expect(await theme('#light')).toBe('light');
  });

  test('files that cannot be loaded are named in the box, with the fix', async ({ page }) => {
    await page.goto(HOST_PAGE);
    // The wasm is missing (a wrong path), then blocked (no CORS).
    await page.route(`${PLAYGROUND}playground_bg.wasm`, (route) => route.fulfill({ status: 404, headers: { 'access-control-allow-origin': '*' }, body: 'not found' }));
    const mount = () =>
      page.evaluate(async (base) => {
        const { mount } = await import(`${base}tensor-playground.js`);
        const el = document.createElement('div');
        document.querySelector('main').replaceChildren(el);
        try {
          await mount(el, {});
          return { threw: false };
        } catch (e) {
          return { threw: true, message: e.message, shown: el.shadowRoot?.textContent };
        }
      }, PLAYGROUND);
    const missing = await mount();
    expect(missing.threw).toBe(true);
    expect(missing.shown).toBe(missing.message);
    expect(missing.message).toContain(`${PLAYGROUND}playground_bg.wasm (HTTP 404)`);
    expect(missing.message).toContain('make dist');
    await expect(page.locator('main > div [role="alert"]')).toBeVisible();

    await page.unroute(`${PLAYGROUND}playground_bg.wasm`);
    // The browser refuses a response without CORS as a network error, which is what this is.
    await page.route(`${PLAYGROUND}playground_bg.wasm`, (route) => route.abort('accessdenied'));
    const blocked = await mount();
    expect(blocked.message).toContain(`the browser refused it`);
    expect(blocked.message).toContain('Access-Control-Allow-Origin');
    expect(blocked.message).toContain(B);
  });
});
