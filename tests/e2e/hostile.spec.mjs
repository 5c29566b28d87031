// Hostile input to the page (issue 17): links, host pages, messages and
// storage contents, as an attacker or an unlucky learner sends them. Each
// test is an attack the issue found, or one of its kind, and what the page
// must do instead. (Programs that freeze or exhaust the page are the
// interpreter's and the worker's to refuse; embed.spec.mjs has the
// embedding protocol's own checks: commands, origins, text taken as HTML.)
import { test, expect } from '@playwright/test';
import { readLesson } from './lesson-source.mjs';
import { A, B, PLAYGROUND, HOST_PAGE } from './course-host.mjs';
import { SEED, ROWS_T, codeOf, typeProgram } from './helpers.mjs';

const STEPS = readLesson('reductions').steps;
const KEY = 'tensor-playground:code';
/** The learner's own program, stored by the page. */
const MINE = `${ROWS_T}\nt.sum(dim=1)\n`;

/** The learner writes `code` on the standalone page on A, and it is stored. */
async function writeOnPage(page, code = MINE) {
  await page.goto(`${A}/`);
  await typeProgram(page, code);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(code);
}

/** Every request the page (and its frames) makes, as URLs. */
function recordRequests(page) {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** The `refused` banner of an embed, or the page. */
function refusal(page) {
  return page.getByRole('alert').filter({ hasText: 'Options refused' });
}

/** A lesson step's question, if it has one, answered by "Show me", so that the step can be edited freely. */
async function revealIfAsked(scope) {
  if (await scope.getByTestId('reveal').count()) await scope.getByTestId('reveal').click();
}

/** Types `text` at the very end of the editor in `scope` (the page, or a frame). */
async function typeAtEnd(page, scope, text) {
  await scope.getByTestId('code').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

test.describe('links', () => {
  test('a bad option is refused by name, and readonly still holds', async ({ page }) => {
    // Issue 17: one bad accent used to drop every option, readonly with it.
    const code = encodeURIComponent('t = torch.ones(2, 3)\nt.sum(dim=0)');
    for (const [fragment, named] of [
      [`#embed=1&readonly=1&accent=bluish-green&code=${code}`, 'accent: `bluish-green` is not a colour'],
      [`#embed=1&readonly=yes&code=${code}`, 'readonly: `yes` is not 1 or 0 (read as 1'],
      [`#embed=1&readonly=0&readonly=1&code=${code}`, 'readonly: given more than once'],
    ]) {
      await page.goto('about:blank'); // a new document each time
      await page.goto(`${A}/index.html${fragment}`);
      await expect(refusal(page)).toContainText(named);
      const editor = page.getByTestId('code');
      await expect(editor).toHaveAttribute('readonly', '');
      await editor.click();
      await page.keyboard.type('x');
      await expect(editor).toHaveValue('t = torch.ones(2, 3)\nt.sum(dim=0)');
      await expect(page.getByTestId('op')).toBeDisabled();
    }
  });

  test('steps cannot be widened: a bad option beside them, a far step, a range that cannot be read', async ({ page }) => {
    // Issue 17: `steps=3-4&accent=%23abcd1` let the learner reach step 7.
    await page.goto(`${A}/index.html#embed=1&lesson=reductions&steps=3-4&accent=%23abcd1`);
    await expect(refusal(page)).toContainText('accent: `#abcd1`');
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[2].title);
    await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
    // The arrow keys, inside the lesson panel, stop there too.
    await page.getByTestId('lesson-title').click();
    await page.keyboard.press('ArrowRight');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 200)));
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);

    // A link to a step beyond the range shows the range's last step.
    await page.goto('about:blank');
    await page.goto(`${A}/index.html#embed=1&lesson=reductions&steps=3-4&step=7`);
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await expect(page.getByTestId('lesson-next')).toBeDisabled();

    // A range that cannot be read keeps the learner on the step the embed opens on.
    await page.goto('about:blank');
    await page.goto(`${A}/index.html#embed=1&lesson=reductions&step=5&steps=6-2`);
    await expect(refusal(page)).toContainText('steps: `6-2` is not a range like 3-6 (only step 5 can be visited)');
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[4].title);
    await expect(page.getByTestId('lesson-prev')).toBeDisabled();
    await expect(page.getByTestId('lesson-next')).toBeDisabled();
  });

  test('an unknown panel name shows nothing more; the known ones still apply', async ({ page }) => {
    await page.goto(`${A}/index.html#embed=1&panels=output,grids&code=${encodeURIComponent('t = torch.ones(2)\nt.sum()')}`);
    await expect(refusal(page)).toContainText('panels: `grids` is not one of editor, controls, output');
    await expect(page.getByTestId('output')).toHaveText('tensor(2.)');
    await expect(page.getByTestId('code')).toHaveCount(0);
    await expect(page.getByTestId('op')).toHaveCount(0);
  });

  test('a lesson id is checked against the lesson list before anything is fetched', async ({ page }) => {
    const requests = recordRequests(page);
    // Issue 17: this fetched and rendered /upload.txt?.md, and the page said
    // "The embed options were not understood".
    for (const [fragment, id] of [
      ['#lesson=../../upload.txt%3F', '../../upload.txt?'],
      ['#lesson=secret&step=2', 'secret'],
      ['#embed=1&lesson=..%2Findex.html%23', '../index.html#'],
      ['#lesson=https%3A%2F%2Fevil.example%2Fx', 'https://evil.example/x'],
    ]) {
      await page.goto('about:blank');
      await page.goto(`${A}/index.html${fragment}`);
      await expect(page.locator('.tp-lesson [role="alert"]')).toHaveText(`There is no lesson called “${id}”.`);
      await expect(refusal(page)).toHaveCount(0);
      await expect(page.getByText('not understood')).toHaveCount(0);
    }
    const paths = requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank').map((u) => new URL(u));
    expect(paths.filter((u) => u.origin !== A)).toEqual([]);
    // Of the lessons folder, only the list was ever asked for.
    const lessons = paths.map((u) => u.pathname + u.search).filter((p) => !/^\/(index\.html)?$|\.(js|wasm|css)$/.test(p));
    expect(new Set(lessons)).toEqual(new Set(['/lessons/index.txt']));
  });

  test('an origin that cannot be read is refused, and allows no sender', async ({ page }) => {
    await page.goto(`${A}/index.html#embed=1&origin=*&code=${encodeURIComponent('t = torch.ones(2)\nt.sum()')}`);
    await expect(refusal(page)).toContainText('origin: `*` is not an origin like https://example.org');
    await page.evaluate(() =>
      window.postMessage({ type: 'tensor-playground:set-code', version: 1, code: 't = torch.ones(3)\nt.sum()' }, '*'),
    );
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    await expect(page.getByTestId('output')).toHaveText('tensor(2.)');
  });
});

test.describe('storage contents', () => {
  // Issue 17: an embed on a page of the same site replaced the learner's
  // program, and one without `code` sent it to the framing page in `ready`.
  test('embeds never show, send or overwrite the learner\'s stored program', async ({ page }) => {
    await writeOnPage(page);
    const given = 't = torch.tensor([[1., 2.], [3., 4.]])\nt.sum(dim=0)';
    // A course page of the same site, with three iframes and a mounted playground.
    await page.goto(HOST_PAGE);
    await page.evaluate(
      async ({ origin, given }) => {
        window.__messages = [];
        addEventListener('message', (e) => {
          const from = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
          window.__messages.push({ from: from?.id, data: e.data });
        });
        for (const [id, fragment] of [
          ['bare', `embed=1&origin=${origin}`],
          ['given', `embed=1&origin=${origin}&code=${encodeURIComponent(given)}`],
          ['closed', 'embed=1'],
        ]) {
          const f = document.createElement('iframe');
          f.id = id;
          f.src = `/index.html#${fragment}`;
          document.querySelector('main').append(f);
        }
        const el = document.createElement('div');
        el.id = 'mounted';
        document.querySelector('main').append(el);
        const { mount } = await import('/tensor-playground.js');
        const handle = await mount(el, {});
        for (const name of ['ready', 'change']) handle.on(name, (m) => window.__messages.push({ from: 'mounted', data: m }));
      },
      { origin: encodeURIComponent(A), given },
    );
    const bare = page.frameLocator('#bare');
    await expect(bare.getByTestId('code')).toHaveValue(SEED);
    await expect(page.frameLocator('#given').getByTestId('code')).toHaveValue(given);
    await expect(page.frameLocator('#closed').getByTestId('code')).toHaveValue(SEED);
    await expect(page.locator('#mounted').getByTestId('code')).toHaveValue(SEED);
    const messages = () => page.evaluate(() => window.__messages);
    const said = (from, type) =>
      messages().then((ms) => ms.filter((m) => m.from === from && m.data.type === `tensor-playground:${type}`));
    await expect.poll(async () => (await said('bare', 'ready')).map((m) => m.data.code)).toEqual([SEED]);
    await expect.poll(async () => (await said('mounted', 'ready')).map((m) => m.data.code)).toEqual([SEED]);

    // The learner types in each of them.
    await typeAtEnd(page, bare, '# in the bare frame');
    await typeAtEnd(page, page.frameLocator('#given'), '# in the given frame');
    await typeAtEnd(page, page.frameLocator('#closed'), '# in the closed frame');
    await typeAtEnd(page, page.locator('#mounted'), '# mounted');
    await expect.poll(async () => (await said('bare', 'change')).length).toBeGreaterThan(0);
    await expect.poll(async () => (await said('mounted', 'change')).length).toBeGreaterThan(0);
    // The frame allowing no origin told its parent nothing but its height.
    // (Its height also goes as Canvas's and Moodle's own message, lti.frameResize.)
    const closed = (await messages()).filter((m) => m.from === 'closed').map((m) => m.data.type ?? m.data.subject);
    expect(closed.length).toBeGreaterThan(0);
    expect(new Set(closed)).toEqual(new Set(['tensor-playground:resize', 'lti.frameResize']));
    // Nothing anyone was sent holds the learner's program.
    expect(JSON.stringify(await messages())).not.toContain('t.sum(dim=1)');

    // The learner's program is where they left it.
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(MINE);
    await page.goto(`${A}/`);
    await expect(page.getByTestId('code')).toHaveValue(MINE);
  });

  test('an embed of another site neither reads nor writes the playground site\'s storage', async ({ page }) => {
    // The learner's program on B, where a page on A frames the playground from.
    await page.goto(PLAYGROUND);
    await typeProgram(page, MINE);
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(MINE);
    await page.goto(HOST_PAGE);
    await page.evaluate((src) => {
      window.__messages = [];
      addEventListener('message', (e) => window.__messages.push(e.data));
      const f = document.createElement('iframe');
      f.id = 'frame';
      f.src = src;
      document.querySelector('main').append(f);
    }, `${PLAYGROUND}index.html#embed=1&origin=${encodeURIComponent(A)}`);
    const frame = page.frameLocator('#frame');
    await expect(frame.getByTestId('code')).toHaveValue(SEED);
    await typeAtEnd(page, frame, '# typed in the frame');
    await expect
      .poll(() => page.evaluate(() => window.__messages.filter((m) => m.type === 'tensor-playground:change').length))
      .toBeGreaterThan(0);
    expect(JSON.stringify(await page.evaluate(() => window.__messages))).not.toContain('t.sum(dim=1)');
    await page.goto(PLAYGROUND);
    await expect(page.getByTestId('code')).toHaveValue(MINE);
  });

  test('a link\'s program is shown, but stored only once the learner changes it', async ({ page }) => {
    await writeOnPage(page);
    const link = 't = torch.ones(4)\nt.sum()\n';
    await page.goto('about:blank');
    await page.goto(`${A}/#code=${encodeURIComponent(link)}`);
    await expect(page.getByTestId('output')).toHaveText('tensor(4.)');
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(MINE);
    await page.goto('about:blank');
    await page.goto(`${A}/`);
    await expect(page.getByTestId('code')).toHaveValue(MINE);
    // Changed, it is the learner's.
    await page.goto('about:blank');
    await page.goto(`${A}/#code=${encodeURIComponent(link)}`);
    await typeAtEnd(page, page, '# mine now');
    await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(`${link}# mine now`);
  });

  test('a full storage is said, politely, and the program stays in the address', async ({ page }) => {
    // Issue 17: a full local storage lost the program silently.
    await page.addInitScript(() => {
      window.__full = true;
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, value) {
        if (window.__full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return setItem.call(this, key, value);
      };
    });
    await page.goto(`${A}/`);
    await expect(page.getByTestId('code')).toHaveValue(SEED);
    await expect(page.getByTestId('save-problem')).toHaveCount(0);
    await typeAtEnd(page, page, '# one');
    const notice = page.getByTestId('save-problem');
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('could not be saved in this browser');
    // Said in a polite live region, not an alert.
    await expect(page.getByRole('status').filter({ has: notice })).toHaveCount(1);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect.poll(() => codeOf(page.url())).toBe(`${SEED}# one`);
    // Room again: the next change is stored, and the notice goes.
    await page.evaluate(() => (window.__full = false));
    await page.keyboard.type(' two');
    await expect(notice).toHaveCount(0);
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(`${SEED}# one two`);
  });

  test('storage turned off is said too, and the page still works', async ({ page }) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    });
    await page.goto(`${A}/`);
    await expect(page.getByTestId('code')).toHaveValue(SEED);
    await typeAtEnd(page, page, '# x');
    await expect(page.getByTestId('save-problem')).toBeVisible();
    await expect(page.getByTestId('output')).toHaveText('tensor([3, 1, 3])');
  });

  test('stored contents are only ever data: a stored program is text, odd progress is kept in range', async ({ page }) => {
    const html = '<img src=x id=stored-img onerror=window.__ran=1>';
    await page.addInitScript(
      ([k, code]) => {
        if (sessionStorage.getItem('seeded')) return;
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem(k, code);
        localStorage.setItem('tensor-playground:progress:reductions', '99,99');
        localStorage.setItem('tensor-playground:progress:keepdim', 'not,numbers');
      },
      [KEY, `s = '${html}'\ns`],
    );
    await page.goto(`${A}/`);
    await expect(page.getByTestId('output')).toHaveText(`'${html}'`);
    expect(await page.evaluate(() => [window.__ran, document.getElementById('stored-img')])).toEqual([undefined, null]);
    // Progress beyond the lesson's end shows as its end; progress that cannot be read, as none.
    const list = page.getByTestId('lesson-list');
    const reductions = list.locator('li').filter({ hasText: readLesson('reductions').title });
    await expect(reductions).toContainText(`${STEPS.length} / ${STEPS.length} reached`);
    await expect(reductions.getByRole('link')).toHaveAttribute('href', `#lesson=reductions&step=${STEPS.length}`);
    const keepdim = readLesson('keepdim');
    await expect(list.locator('li').filter({ hasText: keepdim.title })).toContainText(`${keepdim.steps.length} steps`);
    await page.goto(`${A}/#lesson=reductions`);
    await expect(page.getByTestId('lesson-progress')).toHaveText(`${STEPS.length} / ${STEPS.length}`);
  });
});

test.describe('lessons and the learner\'s own program', () => {
  // Issue 17: after a lesson, the header link showed the lesson's program,
  // and one keystroke stored it over the learner's own.
  for (const [how, link] of [
    ['the header link', (page) => page.locator('.tp-header').getByRole('link', { name: 'Tensor Playground' })],
    ['"All lessons"', (page) => page.locator('.tp-lesson').getByRole('link', { name: 'All lessons' })],
  ]) {
    test(`leaving a lesson by ${how} shows the learner's own program again`, async ({ page }) => {
      await writeOnPage(page);
      await page.goto(`${A}/#lesson=reductions&step=4`);
      await expect(page.getByTestId('code')).toHaveValue(STEPS[3].program);
      await link(page).click();
      await expect(page.getByTestId('lesson-list')).toBeVisible();
      await expect(page.getByTestId('code')).toHaveValue(MINE);
      await expect.poll(() => codeOf(page.url())).toBe(MINE);
      await typeAtEnd(page, page, '#');
      await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(`${MINE}#`);
    });
  }

  test('edits to a lesson step survive Next then Prev; "Reset step" forgets them', async ({ page }) => {
    // Issue 17: edits to a step were lost after Next then Prev.
    await page.goto(`${A}/#lesson=reductions&step=4`);
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await revealIfAsked(page);
    await typeAtEnd(page, page, '# my note');
    const edited = `${STEPS[3].program}# my note`;
    await expect(page.getByTestId('code')).toHaveValue(edited);
    await page.getByTestId('lesson-next').click();
    await expect(page.getByTestId('code')).toHaveValue(STEPS[4].program);
    await page.getByTestId('lesson-prev').click();
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await expect(page.getByTestId('code')).toHaveValue(edited);
    // The address says so, so that a copied link shows it too.
    await expect.poll(() => codeOf(page.url())).toBe(edited);
    // Two steps away and back by the keyboard, the same.
    await page.getByTestId('lesson-title').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[5].title);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('code')).toHaveValue(edited);

    await page.getByRole('button', { name: 'Reset step' }).click();
    await expect(page.getByTestId('code')).toHaveValue(STEPS[3].program);
    await page.getByTestId('lesson-next').click();
    await page.getByTestId('lesson-prev').click();
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await expect(page.getByTestId('code')).toHaveValue(STEPS[3].program);
  });

  test('a mounted lesson keeps its step edits too, and stores nothing', async ({ page }) => {
    await writeOnPage(page);
    await page.evaluate(async () => {
      const { mount } = await import('/tensor-playground.js');
      const el = document.createElement('div');
      el.id = 'mine';
      document.body.append(el);
      window.__handle = await mount(el, { lesson: 'reductions', step: 4 });
    });
    const mine = page.locator('#mine');
    await expect(mine.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await revealIfAsked(mine);
    await typeAtEnd(page, mine, '# mounted note');
    await page.evaluate(() => window.__handle.setStep(5));
    await expect(mine.getByTestId('code')).toHaveValue(STEPS[4].program);
    await page.evaluate(() => window.__handle.setStep(4));
    await expect(mine.getByTestId('code')).toHaveValue(`${STEPS[3].program}# mounted note`);
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(MINE);
    // Nor is its progress the page's: the index still says the lesson was never opened.
    expect(await page.evaluate(() => localStorage.getItem('tensor-playground:progress:reductions'))).toBeNull();
  });
});

test.describe('host pages', () => {
  // Issue 17: `?playground=https://evil.example/` ran that site's script on the playground's origin.
  test('the example course page loads only the playground\'s own files, under the page\'s own policy', async ({ page }) => {
    const requests = recordRequests(page);
    const evil = [];
    await page.route('https://evil.example/**', (route) => {
      evil.push(route.request().url());
      return route.fulfill({ contentType: 'text/javascript', body: 'window.__evil = 1; export const mount = () => {};' });
    });
    await page.goto(`${A}/examples/course-page.html?playground=${encodeURIComponent('https://evil.example/')}`);
    await page.waitForFunction(() => window.tensorPlaygroundExample?.api);
    await expect(page.frameLocator('#frame').getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await expect(page.locator('#first').getByTestId('output')).toHaveText('tensor([6., 6., 6., 6.])');
    expect(evil).toEqual([]);
    expect(await page.evaluate(() => window.__evil)).toBeUndefined();
    const origins = new Set(requests.filter((u) => !u.startsWith('data:')).map((u) => new URL(u).origin));
    expect([...origins]).toEqual([A]);

    // The same Content-Security-Policy as the playground page.
    const policy = () => page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const example = await policy();
    await page.goto(`${A}/index.html`);
    expect(example).toBeTruthy();
    expect(example.replace(/\s+/g, ' ')).toBe((await policy()).replace(/\s+/g, ' '));
  });

  test('the example course page runs under its policy without a violation', async ({ page }) => {
    const violations = [];
    await page.exposeBinding('__cspViolation', (_, v) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolation({ directive: e.violatedDirective, blocked: e.blockedURI }),
      );
    });
    await page.goto(`${A}/examples/course-page.html`);
    await page.waitForFunction(() => window.tensorPlaygroundExample?.api);
    const frame = page.frameLocator('#frame');
    await expect(frame.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    // The iframe is sized, and takes the page's commands.
    await page.getByRole('button', { name: 'Iframe: next step' }).click();
    await expect(frame.getByTestId('lesson-title')).toHaveText(STEPS[4].title);
    await expect.poll(() => page.locator('#frame').evaluate((f) => f.style.height)).toMatch(/^\d+px$/);
    await expect(page.locator('#second').getByTestId('lesson-title')).toHaveText(STEPS[7].title);
    await page.getByRole('button', { name: 'Show t.argmax(dim=0)' }).click();
    await expect(page.locator('#api').getByTestId('output')).toHaveText('tensor([2, 1, 1, 2])');
    expect(violations).toEqual([]);
  });
});

test.describe('messages', () => {
  test('the playground page itself takes no commands, from anyone', async ({ page }) => {
    await page.goto(`${A}/`);
    await expect(page.getByTestId('code')).toHaveValue(SEED);
    const command = { type: 'tensor-playground:set-code', version: 1, code: 't = torch.ones(3)\nt.sum()' };
    await page.evaluate((m) => window.postMessage(m, '*'), command);
    // From a frame of another origin, as a page it framed would send them.
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.name = 'other';
      f.src = src;
      document.body.append(f);
    }, `${B}/index.html#embed=1`);
    await expect.poll(() => page.frame({ name: 'other' })?.evaluate(() => document.readyState)).toBe('complete');
    await page.frame({ name: 'other' }).evaluate((m) => parent.postMessage(m, '*'), command);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    await expect(page.getByTestId('code')).toHaveValue(SEED);
  });
});

test.describe('programs', () => {
  // The run's budgets keep every program near a second on a laptop, so
  // this spec lowers the time limit to meet it (src/web/runner.rs): two
  // 1000x1000 products take most of the tensor budget, a long list turned
  // to text over and over much of the other, about a second in all.
  const SLOW =
    'a = torch.ones(1000, 1000)\nb = a @ a\nc = a @ a\n' +
    `x = torch.arange(65536.).tolist()\n${'n = len(str(x))\n'.repeat(20)}n\n`;

  test('a program that runs too long is stopped, the page answering meanwhile, and can be run anyway', async ({ page }) => {
    await page.addInitScript(() => {
      window.tensorPlaygroundTimeLimitMs = 400;
    });
    await page.goto(`${A}/#code=${encodeURIComponent(`${ROWS_T}\nt.sum(dim=1)`)}`);
    await expect(page.getByTestId('output')).not.toHaveText('');
    // While it runs, the page still answers: the earlier grids light up.
    // Checked in the page itself, the moment the running note appears: on a
    // busy machine the run can reach its limit before a step driven from
    // here would see the note.
    await page.evaluate(() => {
      window.duringRun = { noted: false, lit: false };
      const observer = new MutationObserver(() => {
        const running = () => document.querySelector('[data-testid="running"]') !== null;
        if (window.duringRun.noted || !running()) return;
        window.duringRun.noted = true;
        observer.disconnect();
        const cell = document.querySelector('[data-testid="tensor-grid"][data-name="t"] [data-index="0,0"]');
        cell.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
        // Lit within a frame or two, while the program still runs.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            window.duringRun.lit = cell.getAttribute('data-active') === 'true' && running();
          }),
        );
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId('code').fill(SLOW);
    await expect.poll(() => page.evaluate(() => window.duringRun)).toEqual({ noted: true, lit: true });
    // Stopped at its time limit, with the choice to run it all the same.
    await expect(page.getByTestId('halt')).toContainText('Stopped after 0.4 seconds', { timeout: 15_000 });
    await expect(page.getByTestId('error')).toHaveCount(0);
    await expect(page.getByTestId('stale-note')).toContainText('was stopped');
    // "Stop" ends a run at once, whatever its limit.
    await page.getByTestId('run-anyway').click();
    await expect(page.getByTestId('running')).toBeAttached();
    // As a click on it when it shows would, without waiting for it to show.
    await page.getByTestId('stop').dispatchEvent('click');
    await expect(page.getByTestId('halt')).toContainText('Stopped before it finished');
    // A fresh worker takes the next program at once.
    await page.getByTestId('code').fill('torch.ones(2).sum()');
    await expect(page.getByTestId('output')).toHaveText('tensor(2.)');
    await expect(page.getByTestId('halt')).toHaveCount(0);
  });

  test('a program that never finished here is shown, not run again, until asked', async ({ page }) => {
    const code = `${ROWS_T}\nt.sum(dim=0)\n`;
    await page.goto(`${A}/`);
    // (Once this page's own first run has ended, and cleared its note.)
    await expect(page.getByTestId('output')).not.toHaveText('');
    await page.evaluate(([code]) => {
      localStorage.setItem('tensor-playground:code', code);
      // As a page that crashed while running it would have left it.
      localStorage.setItem('tensor-playground:running', code);
    }, [code]);
    await page.goto('about:blank');
    await page.goto(`${A}/`);
    await expect(page.getByTestId('code')).toHaveValue(code);
    await expect(page.getByTestId('halt')).toContainText('did not finish the last time it ran here');
    await expect(page.getByTestId('tensor-grid')).toHaveCount(0);
    await expect(page.getByTestId('output')).toHaveText('');
    await page.getByTestId('run-anyway').click();
    await expect(page.getByTestId('output')).toHaveText('tensor([6., 6., 6., 6.])');
    await expect(page.getByTestId('tensor-grid')).toHaveCount(2);
    // Finished, it is no longer noted as running.
    await expect.poll(() => page.evaluate(() => localStorage.getItem('tensor-playground:running'))).toBe(null);
  });

  test('leaving the page while a program runs is not a crash: the next visit runs it', async ({ page }) => {
    await page.addInitScript(() => {
      window.tensorPlaygroundTimeLimitMs = 20_000;
    });
    await page.goto(`${A}/`);
    await expect(page.getByTestId('output')).not.toHaveText('');
    const code = 'x = torch.ones(1000, 1000) @ torch.ones(1000, 1000)\nx.shape\n';
    await page.getByTestId('code').fill(code);
    await expect(page.getByTestId('running')).toBeAttached();
    await page.reload();
    await expect(page.getByTestId('code')).toHaveValue(code);
    await expect(page.getByTestId('halt')).toHaveCount(0);
    // (PyTorch prints a shape as torch.Size([1000, 1000]).)
    await expect(page.getByTestId('output')).toHaveText('torch.Size([1000, 1000])', { timeout: 15_000 });
  });

  test('a deeply nested subscript does not break the page, now or on the next visit', async ({ page }) => {
    const code = `t = torch.ones(1)\nt[${'None, '.repeat(10000)}...]\n`;
    await page.goto(`${A}/#code=${encodeURIComponent(code)}`);
    await expect(page.getByTestId('error')).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('code').fill('torch.ones(3).sum()');
    await expect(page.getByTestId('output')).toHaveText('tensor(3.)');
    await page.goto('about:blank');
    await page.goto(`${A}/#code=${encodeURIComponent(code)}`);
    await expect(page.getByTestId('error')).toBeVisible({ timeout: 15_000 });
  });
});

test('an interpreter that cannot be fetched is said, and "Try again" fetches it', async ({ page }) => {
  // The interpreter is a wasm file of its own, fetched by the worker on first use.
  let offline = true;
  await page.route(/split_interpreter\.wasm$/, (route) => (offline ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(`${A}/#code=${encodeURIComponent('torch.ones(2).sum()')}`);
  await expect(page.getByTestId('halt')).toContainText('could not load its interpreter');
  await expect(page.getByTestId('error')).toHaveCount(0);
  offline = false;
  await page.getByTestId('run-anyway').click();
  await expect(page.getByTestId('output')).toHaveText('tensor(2.)');
  await expect(page.getByTestId('halt')).toHaveCount(0);
});
