// Embedding on another origin. The example course page is served
// from origin A (the suite's first server) and loads the playground from
// origin B (a second server, sending `Access-Control-Allow-Origin: *`, with
// the site also under the sub-path /course/playground/), as an author
// would (course-host.mjs).
//
// Checked: iframe auto-height, every event with its payload (postMessage,
// DOM events, on()), commands only from the allowed origin and well formed,
// independent custom elements, destroy(), the sub-path, no request beyond
// the two origins, bad mount() options, the shipped Content-Security-Policy,
// and that no program, lesson, URL value or message is ever run or taken as
// HTML. Expected payloads come from contract section 5, the lesson files and
// hand-worked lineage; the page's own output is never the reference.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readLesson } from './lesson-source.mjs';
import { A, B, PLAYGROUND, openHostedExample } from './course-host.mjs';
/** A third origin, for messages that must be ignored; served by page.route, never by the network. */
const THIRD = 'http://third.test';
const STEPS = readLesson('reductions').steps;
const LESSON_IDS = readFileSync(new URL('../../www/lessons/index.txt', import.meta.url), 'utf8')
  .split('\n')
  // Each line: the id, then (after a tab) its outline (docs/lessons.md).
  .map((l) => l.split('\t')[0])
  .filter((l) => l.trim());
const TYPES = ['ready', 'resize', 'change', 'select', 'step', 'answer'];
const VERSION = 1;

/** The column-k sources of `t.sum(dim=0)` on a 3x4 `t`, in lineage order (row-major). */
const column = (k) => [0, 1, 2].map((r) => ({ name: 't', index: [r, k] }));

/**
 * Records, in the top page, every playground message posted to it (with the
 * id of the iframe that sent it) and every playground DOM event (with the id
 * of the element it was dispatched on), in order, as window.__events.
 */
async function recordEvents(page) {
  await page.addInitScript((types) => {
    if (window !== window.top) return;
    window.__events = [];
    window.addEventListener('message', (e) => {
      const d = e.data;
      if (d && typeof d === 'object' && String(d.type).startsWith('tensor-playground:')) {
        const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
        window.__events.push({ via: 'message', from: frame?.id ?? null, origin: e.origin, data: d });
      }
    });
    for (const t of types) {
      document.addEventListener(
        `tensor-playground:${t}`,
        (e) => window.__events.push({ via: 'dom', from: e.target.id || null, data: e.detail }),
        true,
      );
    }
  }, TYPES);
}

/** The recorded messages from `via` ('message' or 'dom') and `from`, optionally of one type. */
async function events(page, via, from, type) {
  const all = await page.evaluate(() => window.__events);
  return all
    .filter((e) => e.via === via && e.from === from && (!type || e.data.type === `tensor-playground:${type}`))
    .map((e) => e.data);
}

/** Waits until a message like `want` (its fields at least) has come from `via`/`from`. */
async function expectEvent(page, via, from, want) {
  await expect
    .poll(async () => (await events(page, via, from)).some((d) => matches(d, want)), {
      message: `${via} from ${from}: ${JSON.stringify(want)}`,
    })
    .toBe(true);
}

/** Whether `data` has every field of `want`, with equal values (objects compared key by key, in any order). */
function matches(data, want) {
  return Object.entries(want).every(([k, v]) => canonical(data[k]) === canonical(v));
}

function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** `{type, version: 1, ...fields}` as contract section 5 writes a message. */
const msg = (type, fields = {}) => ({ type: `tensor-playground:${type}`, version: VERSION, ...fields });

/** Opens the example course page on A with the playground from `playground` (B's sub-path). */
async function openCoursePage(page, playground = PLAYGROUND) {
  await openHostedExample(page, playground);
  await expect(page.frameLocator('#frame').getByTestId('lesson-title')).toHaveText(STEPS[3].title);
}

/** Posts `message` from the top page to its iframe `id`, as a host page's script would. */
function postTo(page, message, id = 'frame') {
  return page.evaluate(([m, id]) => document.getElementById(id).contentWindow.postMessage(m, '*'), [message, id]);
}

/** The playground page inside the course page's iframe. */
function frameOf(page) {
  return page.frames().find((f) => f.url().includes('embed=1'));
}

/** A `cell` for a locator scope (an element, a frame). */
function cellIn(scope, name, index) {
  return scope.locator(`[data-testid="tensor-grid"][data-name="${name}"] [role="gridcell"][data-index="${index}"]`);
}

/** "name@index" of every cell under `scope` that is lit: active, a source or a target. */
async function lit(scope) {
  return scope.locator('[role="gridcell"]').evaluateAll((cells) =>
    cells
      .filter((c) => ['active', 'source', 'target'].some((m) => c.dataset[m] === 'true'))
      .map((c) => `${c.closest('[data-testid="tensor-grid"]').dataset.name}@${c.dataset.index}`)
      .sort(),
  );
}

test.describe('the iframe', () => {
  test('sizes itself to its content, growing and shrinking, with no scroll bar inside', async ({ page }) => {
    await recordEvents(page);
    await openCoursePage(page);
    const frame = page.locator('#frame');
    const inner = frameOf(page);
    /** [iframe content height, the frame body's height, the frame document's scrollable overflow]. */
    const sizes = async () => {
      const outer = await frame.evaluate((f) => f.clientHeight);
      const [body, overflow] = await inner.evaluate(() => [
        document.body.offsetHeight,
        document.documentElement.scrollHeight - document.documentElement.clientHeight,
      ]);
      return { outer, body, overflow };
    };
    const expectFitted = async () => {
      await expect.poll(async () => {
        const s = await sizes();
        return s.outer === s.body && s.overflow <= 0;
      }).toBe(true);
      return (await sizes()).outer;
    };
    const first = await expectFitted();
    // The last resize message says that height.
    const resizes = await events(page, 'message', 'frame', 'resize');
    expect(resizes.at(-1)).toEqual(msg('resize', { height: first }));
    expect(first).not.toBe(480); // the height the page gave it

    // Step 5 draws t[0], t[1], t[2] and their sums: taller.
    await page.getByRole('button', { name: 'Iframe: next step' }).click();
    await expect(page.frameLocator('#frame').getByTestId('lesson-title')).toHaveText(STEPS[4].title);
    await expect.poll(expectFitted).toBeGreaterThan(first);
    const taller = await expectFitted();

    // A program with many rows grows it a lot; a small one shrinks it again.
    const rows = (n) => `t = torch.ones(${n}, 3)\nt.sum(dim=1)`;
    await postTo(page, msg('set-code', { code: rows(60) }));
    await expect.poll(expectFitted).toBeGreaterThan(taller);
    const tallest = await expectFitted();
    await postTo(page, msg('set-code', { code: rows(1) }));
    await expect.poll(expectFitted).toBeLessThan(tallest);
  });

  // Issue 17: a third-party iframe on the host page made itself 99,999 px tall.
  test('embed.js sizes only the playground\'s own frames, from their own messages, and caps the height', async ({ page }) => {
    await recordEvents(page);
    await page.route(`${THIRD}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>third</title><p>third-party frame</p>' }),
    );
    await openCoursePage(page);
    const height = (id) => page.locator(`#${id}`).evaluate((f) => f.getBoundingClientRect().height);
    const styled = (id) => page.locator(`#${id}`).evaluate((f) => f.style.height);
    // Other iframes of the course page, 100px high, named to find their frames by:
    // one of the course page's own, one from a third site.
    await page.evaluate((third) => {
      for (const [id, src] of [['other', null], ['third', third]]) {
        const f = document.createElement('iframe');
        f.id = id;
        f.name = id;
        f.style.height = '100px';
        if (src) f.src = src;
        else f.srcdoc = '<p>Not a playground</p>';
        document.querySelector('main').append(f);
      }
    }, `${THIRD}/widget.html`);
    for (const id of ['other', 'third']) {
      await expect.poll(() => page.frame({ name: id })?.evaluate(() => document.readyState)).toBe('complete');
    }
    const others = async () => [await height('other'), await height('third')];
    const othersBefore = await others();

    // The playground grows (next step): only its own frame follows.
    const before = await height('frame');
    await page.getByRole('button', { name: 'Iframe: next step' }).click();
    await expect.poll(() => height('frame')).not.toBe(before);
    expect(await others()).toEqual(othersBefore);

    // Resize messages from the other frames size nothing, however well formed.
    const frameHeight = await height('frame');
    for (const id of ['other', 'third']) {
      await page.frame({ name: id }).evaluate((m) => parent.postMessage(m, '*'), msg('resize', { height: 99999 }));
      await page.frame({ name: id }).evaluate((m) => parent.postMessage(m, '*'), msg('resize', { height: 300 }));
    }
    // Nor do nonsense heights and wrong versions from the playground's own frame, nor the page's own messages.
    const inner = frameOf(page);
    for (const bad of [
      msg('resize', { height: -5 }),
      msg('resize', { height: 'tall' }),
      msg('resize', { height: '300' }),
      { type: 'tensor-playground:resize', version: 2, height: 50 },
    ]) {
      await inner.evaluate((m) => parent.postMessage(m, '*'), bad);
    }
    await page.evaluate((m) => window.postMessage(m, '*'), msg('resize', { height: 50 }));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(await others()).toEqual(othersBefore);
    expect(await height('frame')).toBe(frameHeight);

    // The playground's own frame saying it is absurdly tall is capped at 10,000 px.
    await inner.evaluate((m) => parent.postMessage(m, '*'), msg('resize', { height: 1e9 }));
    await expect.poll(() => styled('frame')).toBe('10000px');
    // And its next real height sizes it again.
    await postTo(page, msg('set-code', { code: 't = torch.ones(2)\nt.sum()' }));
    await expect.poll(() => height('frame')).toBeLessThan(2000);
  });

  test('posts each event to its parent: ready, resize, step, change, select, answer', async ({ page }) => {
    await recordEvents(page);
    await openCoursePage(page);
    const frame = page.frameLocator('#frame');
    const got = (want) => expectEvent(page, 'message', 'frame', want);
    // Every message is typed, versioned and addressed to the allowed origin's page.
    await got(msg('ready'));
    await got({ type: 'tensor-playground:resize', version: VERSION });
    await got(msg('step', { lesson: 'reductions', step: 4 }));
    await got(msg('change', { code: STEPS[3].program }));
    const fromFrame = (await page.evaluate(() => window.__events)).filter((e) => e.from === 'frame');
    expect(fromFrame.every((e) => e.origin === B)).toBe(true);
    for (const d of await events(page, 'message', 'frame')) {
      expect(TYPES.map((t) => `tensor-playground:${t}`)).toContain(d.type);
      expect(d.version).toBe(VERSION);
    }

    // Step 4's cells question: a wrong pick, then "Show me" (which pins output [1]).
    await cellIn(frame, 't', '0,0').click();
    await frame.getByTestId('check').click();
    await got(msg('answer', { lesson: 'reductions', step: 4, result: 'wrong' }));
    await frame.getByTestId('reveal').click();
    await got(msg('answer', { lesson: 'reductions', step: 4, result: 'revealed' }));
    await got(msg('select', { tensor: 't.sum(dim=0)', index: [1], sources: column(1) }));

    // The learner moves on (next): step 5 and its program; its shape question
    // withholds the result until it is answered.
    await frame.getByTestId('lesson-next').click();
    await got(msg('step', { lesson: 'reductions', step: 5 }));
    await got(msg('change', { code: STEPS[4].program }));
    await frame.getByRole('textbox', { name: /^Your answer/ }).fill('torch.Size([4])');
    await frame.getByTestId('check').click();
    await got(msg('answer', { lesson: 'reductions', step: 5, result: 'correct' }));
    // Pinning a cell of the result selects it.
    await cellIn(frame, 't[0] + t[1] + t[2]', '0').click();
    await got(msg('select', { tensor: 't[0] + t[1] + t[2]', index: [0], sources: column(0) }));
    // Unpinning, and the pointer leaving, clears the selection: nulls.
    await cellIn(frame, 't[0] + t[1] + t[2]', '0').click();
    await page.getByRole('heading', { name: 'What the playgrounds reported' }).hover();
    await got(msg('select', { tensor: null, index: null, sources: null }));

    // The host's set-step and set-code commands (origin A is allowed) report too.
    await postTo(page, msg('set-step', { step: 7 }));
    await got(msg('step', { lesson: 'reductions', step: 7 }));
    await got(msg('change', { code: STEPS[6].program }));
    await frame.getByTestId('reveal').click();
    await got(msg('answer', { lesson: 'reductions', step: 7, result: 'revealed' }));
    const code = 't = torch.tensor([[1., 2.], [3., 4.]])\nt.sum(dim=0)';
    await postTo(page, msg('set-code', { code }));
    await got(msg('change', { code }));
    await expect(frame.getByTestId('output')).toHaveText('tensor([4., 6.])');
    // Hovering (nothing pinned) selects: column 1 of [[1, 2], [3, 4]].
    await cellIn(frame, 't.sum(dim=0)', '1').hover();
    const sources = [{ name: 't', index: [0, 1] }, { name: 't', index: [1, 1] }];
    await got(msg('select', { tensor: 't.sum(dim=0)', index: [1], sources }));
  });

  test('obeys commands only from the allowed origin, and ignores malformed ones', async ({ page }) => {
    await recordEvents(page);
    const panics = [];
    page.on('console', (m) => /panicked|RuntimeError: unreachable/.test(m.text()) && panics.push(m.text()));
    // A page on a third origin, framed into the course page: it posts commands to the playground frame.
    await page.route(`${THIRD}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>third</title><p>third-party frame</p>' }),
    );
    await openCoursePage(page);
    const frame = page.frameLocator('#frame');
    const changes = async () => (await events(page, 'message', 'frame', 'change')).map((d) => d.code);
    const steps = async () => (await events(page, 'message', 'frame', 'step')).map((d) => d.step);
    await expect.poll(steps).toEqual([4]);
    const post = (m) => postTo(page, m);

    await page.evaluate((src) => {
      const third = document.createElement('iframe');
      third.name = 'third';
      third.src = src;
      document.querySelector('main').append(third);
    }, `${THIRD}/host.html`);
    await expect.poll(() => page.frame({ name: 'third' })?.evaluate(() => document.readyState)).toBe('complete');
    const third = page.frame({ name: 'third' });
    const evil = 't = torch.ones(5)\nt.prod()';
    // From the third origin: the playground frame is parent.frames[0].
    expect(await page.evaluate(() => window.frames[0] === document.getElementById('frame').contentWindow)).toBe(true);
    await third.evaluate((m) => parent.frames[0].postMessage(m, '*'), msg('set-code', { code: evil }));
    await third.evaluate((m) => parent.frames[0].postMessage(m, '*'), msg('set-step', { step: 9 }));

    // Malformed, from the allowed origin.
    const bad = [
      'tensor-playground:set-code',
      null,
      42,
      [msg('set-code', { code: evil })],
      { type: 'tensor-playground:set-code', code: evil },
      { ...msg('set-code', { code: evil }), version: 2 },
      { ...msg('set-code', { code: evil }), version: '1' },
      msg('set-code', { code: 5 }),
      msg('set-code'),
      msg('set-code', { code: 'x'.repeat((1 << 20) + 1) }),
      msg('set-step', { step: 0 }),
      msg('set-step', { step: -1 }),
      msg('set-step', { step: '9' }),
      msg('set-step', { step: 1.5 }),
      msg('set-step', { step: 1e9 }),
      msg('eval', { code: evil }),
      { type: 'other:set-code', version: 1, code: evil },
      { type: 'tensor-playground:set-code', version: 1, code: new Uint8Array([60, 98, 62]) },
    ];
    for (const m of bad) await post(m);

    // Then one good command from the allowed origin: it, and only it, takes effect.
    const good = 't = torch.tensor([[1., 2.], [3., 4.]])\nt.sum(dim=1)';
    await post(msg('set-code', { code: good }));
    await expect(frame.getByTestId('code')).toHaveValue(good);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    await expect(frame.getByTestId('code')).toHaveValue(good);
    expect(await changes()).toEqual([STEPS[3].program, good]);
    expect(await steps()).toEqual([4]);
    await post(msg('set-step', { step: 6 }));
    await expect(frame.getByTestId('lesson-title')).toHaveText(STEPS[5].title);
    expect(await steps()).toEqual([4, 6]);

    // An iframe whose URL allows no origin takes no commands, even from its own parent.
    await page.evaluate((src) => {
      const closed = document.createElement('iframe');
      closed.id = 'closed';
      closed.src = src;
      document.querySelector('main').append(closed);
    }, `${PLAYGROUND}index.html#embed=1&code=${encodeURIComponent(good)}`);
    await expect(page.frameLocator('#closed').getByTestId('code')).toHaveValue(good);
    await postTo(page, msg('set-code', { code: evil }), 'closed');
    // The allowed frame obeys the same command at the same time.
    await post(msg('set-code', { code: evil }));
    await expect(frame.getByTestId('code')).toHaveValue(evil);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    await expect(page.frameLocator('#closed').getByTestId('code')).toHaveValue(good);
    // It tells its parent only its height: nothing of what the learner does.
    await expectEvent(page, 'message', 'closed', { type: 'tensor-playground:resize', version: VERSION });
    expect(new Set((await events(page, 'message', 'closed')).map((d) => d.type))).toEqual(
      new Set(['tensor-playground:resize']),
    );
    expect(panics).toEqual([]);
  });
});

test.describe('custom elements', () => {
  test('report ready, change, select, step and answer as DOM events', async ({ page }) => {
    await recordEvents(page);
    await openCoursePage(page);
    const first = page.locator('#first');
    const second = page.locator('#second');
    const code = await first.getAttribute('code');
    await expectEvent(page, 'dom', 'first', msg('ready', { code }));
    await expectEvent(page, 'dom', 'second', msg('step', { lesson: 'reductions', step: 8 }));
    await expectEvent(page, 'dom', 'second', msg('change', { code: STEPS[7].program }));

    // select: point at output [2] of t.sum(dim=0), then away.
    await cellIn(first, 't.sum(dim=0)', '2').hover();
    await expectEvent(page, 'dom', 'first', msg('select', { tensor: 't.sum(dim=0)', index: [2], sources: column(2) }));
    await page.getByRole('heading', { name: 'Week 3: reductions' }).hover();
    await expectEvent(page, 'dom', 'first', msg('select', { tensor: null, index: null, sources: null }));

    // change: a new `code` attribute, then typing.
    const next = 't = torch.tensor([[1., 1.], [2., 2.]])\nt.sum(dim=0)';
    await first.evaluate((el, c) => el.setAttribute('code', c), next);
    await expectEvent(page, 'dom', 'first', msg('change', { code: next }));
    await expect(first.getByTestId('output')).toHaveText('tensor([3., 3.])');
    await first.getByTestId('code').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' * 2');
    await expectEvent(page, 'dom', 'first', msg('change', { code: `${next} * 2` }));

    // answer: step 8 asks what t.argmax() prints (index 11, not the value 5).
    const box = second.getByRole('textbox', { name: /^Your answer/ });
    await box.fill('tensor(5.)');
    await second.getByTestId('check').click();
    await expectEvent(page, 'dom', 'second', msg('answer', { lesson: 'reductions', step: 8, result: 'wrong' }));
    await box.fill('tensor(11)');
    await second.getByTestId('check').click();
    await expectEvent(page, 'dom', 'second', msg('answer', { lesson: 'reductions', step: 8, result: 'correct' }));
    // step: next, and the `step` attribute; steps="8-10" keeps it within 8..10.
    await second.getByTestId('lesson-next').click();
    await expectEvent(page, 'dom', 'second', msg('step', { lesson: 'reductions', step: 9 }));
    await second.evaluate((el) => el.setAttribute('step', '10'));
    await expectEvent(page, 'dom', 'second', msg('step', { lesson: 'reductions', step: 10 }));
    await expect(second.getByTestId('lesson-title')).toHaveText(STEPS[9].title);
    await expect(second.getByTestId('lesson-next')).toBeDisabled();
    await second.getByTestId('reveal').click();
    await expectEvent(page, 'dom', 'second', msg('answer', { lesson: 'reductions', step: 10, result: 'revealed' }));
    // None of it came from the other element.
    expect(await events(page, 'dom', 'first', 'answer')).toEqual([]);
    const secondSelects = await events(page, 'dom', 'second', 'select');
    expect(secondSelects).not.toContainEqual(expect.objectContaining({ tensor: 't.sum(dim=0)' }));
  });

  test('two on one page highlight independently, even with the same program', async ({ page }) => {
    await openCoursePage(page);
    const first = page.locator('#first');
    await page.evaluate((code) => {
      const twin = document.createElement('tensor-playground');
      twin.id = 'twin';
      twin.setAttribute('code', code);
      document.getElementById('first').after(twin);
    }, await first.getAttribute('code'));
    const twin = page.locator('#twin');
    await expect(cellIn(twin, 't.sum(dim=0)', '0')).toBeVisible();

    await cellIn(first, 't.sum(dim=0)', '2').hover();
    await expect.poll(() => lit(first)).toEqual(['t.sum(dim=0)@2', 't@0,2', 't@1,2', 't@2,2']);
    expect(await lit(twin)).toEqual([]);
    expect(await lit(page.locator('#second'))).toEqual([]);

    // Pin output [0] in the twin: the first keeps nothing lit once the pointer leaves it.
    await cellIn(twin, 't.sum(dim=0)', '0').click();
    await expect.poll(() => lit(twin)).toEqual(['t.sum(dim=0)@0', 't@0,0', 't@1,0', 't@2,0']);
    expect(await lit(first)).toEqual([]);
    // Hover in the first again: the twin's pin stays as it was.
    await cellIn(first, 't', '1,3').hover();
    await expect.poll(() => lit(first)).toEqual(['t.sum(dim=0)@3', 't@1,3']);
    expect(await lit(twin)).toEqual(['t.sum(dim=0)@0', 't@0,0', 't@1,0', 't@2,0']);
  });
});

test.describe('the JavaScript API', () => {
  test('mount() reports through on(), and setCode, setStep and getState drive it', async ({ page }) => {
    await openCoursePage(page);
    await page.evaluate(async (base) => {
      const { mount } = await import(`${base}tensor-playground.js`);
      const el = document.createElement('div');
      el.id = 'mine';
      document.querySelector('main').append(el);
      const handle = await mount(el, { lesson: 'reductions', step: 4 });
      window.__api = [];
      for (const e of ['ready', 'change', 'select', 'step', 'answer']) handle.on(e, (m) => window.__api.push(m));
      window.__off = [];
      const off = handle.on('change', (m) => window.__off.push(m));
      off();
      window.__handle = handle;
    }, PLAYGROUND);
    const api = () => page.evaluate(() => window.__api);
    const got = (want) =>
      expect.poll(async () => (await api()).some((d) => matches(d, want)), JSON.stringify(want)).toBe(true);
    const mine = page.locator('#mine');

    // ready, though it was sent before the handle existed; then the lesson's step.
    await got({ type: 'tensor-playground:ready', version: VERSION });
    await got(msg('step', { lesson: 'reductions', step: 4 }));
    await got(msg('change', { code: STEPS[3].program }));
    await mine.getByTestId('reveal').click();
    await got(msg('answer', { lesson: 'reductions', step: 4, result: 'revealed' }));
    await got(msg('select', { tensor: 't.sum(dim=0)', index: [1], sources: column(1) }));

    await page.evaluate(() => window.__handle.setStep(6));
    await got(msg('step', { lesson: 'reductions', step: 6 }));
    await got(msg('change', { code: STEPS[5].program }));
    await expect(mine.getByTestId('lesson-title')).toHaveText(STEPS[5].title);
    await mine.getByRole('textbox', { name: /^Your answer/ }).fill('4');
    await mine.getByTestId('check').click();
    await got(msg('answer', { lesson: 'reductions', step: 6, result: 'wrong' }));

    const code = 't = torch.tensor([[1., 2.], [3., 4.]])\nt.max()';
    await page.evaluate((c) => window.__handle.setCode(c), code);
    await got(msg('change', { code }));
    const state = await page.evaluate(() => window.__handle.getState());
    expect(state).toEqual({ code, error: null, lesson: 'reductions', step: 6 });
    await page.evaluate(() => window.__handle.setCode('t.sum()'));
    await expect
      .poll(() => page.evaluate(() => window.__handle.getState().error))
      .toBe("NameError: name 't' is not defined");
    // The unsubscribed callback heard nothing.
    expect(await page.evaluate(() => window.__off)).toEqual([]);
    // Every message is a plain, typed, versioned object.
    const plain = await page.evaluate(() => window.__api.every((d) => Object.getPrototypeOf(d) === Object.prototype));
    expect(plain).toBe(true);
    for (const d of await api()) expect(d.version).toBe(VERSION);
  });

  test('bad options to mount() throw an Error naming the field', async ({ page }) => {
    await openCoursePage(page);
    const cases = [
      ['code', { code: 5 }],
      ['lesson', { lesson: '../secrets' }],
      ['lesson', { lesson: 5 }],
      ['step', { step: 2 }],
      ['step', { lesson: 'reductions', step: -1 }],
      ['step', { lesson: 'reductions', step: 'two' }],
      ['steps', { lesson: 'reductions', steps: '6-3' }],
      ['steps', { lesson: 'reductions', steps: 4 }],
      ['panels', { panels: ['grids'] }],
      ['panels', { panels: 'editor' }],
      ['readonly', { readonly: 'yes' }],
      ['theme', { theme: 'blue' }],
      ['accent', { accent: 'red;} body{display:none' }],
      ['accent', { accent: 3 }],
      ['colour', { colour: 'red' }],
    ];
    const results = await page.evaluate(
      async ({ base, cases }) => {
        const { mount } = await import(`${base}tensor-playground.js`);
        const out = [];
        for (const [, options] of cases) {
          const el = document.createElement('div');
          document.body.append(el);
          try {
            await mount(el, options);
            out.push({ threw: false });
          } catch (e) {
            const left = el.shadowRoot?.childNodes.length ?? 0;
            out.push({ threw: true, isError: e instanceof Error, message: String(e.message), left });
          }
          el.remove();
        }
        return out;
      },
      { base: PLAYGROUND, cases },
    );
    results.forEach((r, i) => {
      const [field, options] = cases[i];
      const what = JSON.stringify(options);
      expect(r.threw, what).toBe(true);
      expect(r.isError, what).toBe(true);
      expect(r.message, what).toMatch(new RegExp(`(^|\\W)${field}(\\W|$)`));
      expect(r.left, `${what} leaves nothing behind`).toBe(0);
    });
    // The element and the options object themselves.
    const odd = await page.evaluate(async (base) => {
      const { mount } = await import(`${base}tensor-playground.js`);
      const out = [];
      // Options that are not plain data: a function, and an object that holds itself.
      const cyclic = { code: 't = torch.ones(2)' };
      cyclic.self = cyclic;
      const div = () => document.createElement('div');
      const odd = [[null, {}], ['#api', {}], [div(), 'code'], [div(), { code: () => 't' }], [div(), cyclic]];
      for (const [el, o] of odd) {
        try {
          await mount(el, o);
          out.push('mounted');
        } catch (e) {
          out.push(e.message);
        }
      }
      return out;
    }, PLAYGROUND);
    expect(odd[0]).toMatch(/element/);
    expect(odd[1]).toMatch(/element/);
    expect(odd[2]).toMatch(/options/);
    // A function is not a program; a field that is not an option is named.
    expect(odd[3]).toMatch(/^tensor-playground: bad option: code: invalid type/);
    expect(odd[4]).toMatch(/^tensor-playground: bad option: self: not an option/);
  });

  test('destroy() leaves no DOM, no listeners and no timers behind', async ({ page }) => {
    // Count the live listeners of every target, and the live intervals.
    await page.addInitScript(() => {
      if (window !== window.top) return;
      const live = new Map(); // target -> Map(type|capture -> Set(listener))
      const key = (type, options) => `${type}|${typeof options === 'boolean' ? options : !!options?.capture}`;
      const add = EventTarget.prototype.addEventListener;
      const remove = EventTarget.prototype.removeEventListener;
      EventTarget.prototype.addEventListener = function (type, fn, options) {
        if (fn) {
          if (!live.has(this)) live.set(this, new Map());
          const byType = live.get(this);
          if (!byType.has(key(type, options))) byType.set(key(type, options), new Set());
          byType.get(key(type, options)).add(fn);
        }
        return add.call(this, type, fn, options);
      };
      EventTarget.prototype.removeEventListener = function (type, fn, options) {
        live.get(this)?.get(key(type, options))?.delete(fn);
        return remove.call(this, type, fn, options);
      };
      const intervals = new Set();
      const setI = window.setInterval;
      const clearI = window.clearInterval;
      window.setInterval = function (...args) {
        const id = setI.apply(this, args);
        intervals.add(id);
        return id;
      };
      window.clearInterval = function (id) {
        intervals.delete(id);
        return clearI.call(this, id);
      };
      const describe = (t) => {
        if (t === window) return 'window';
        if (t === document) return 'document';
        if (t instanceof MediaQueryList) return `media ${t.media}`;
        return t.id ? `#${t.id}` : t.constructor.name;
      };
      // Listeners on anything still reachable from the page: window, document,
      // media queries, and nodes in the document (the mount element included).
      window.__leaks = () => {
        const out = [];
        for (const [target, byType] of live) {
          const reachable =
            target === window ||
            target === document ||
            target instanceof MediaQueryList ||
            (target instanceof Node && target.isConnected);
          if (!reachable) continue;
          for (const [k, fns] of byType) if (fns.size) out.push(`${describe(target)} ${k} x${fns.size}`);
        }
        return out.sort();
      };
      window.__intervals = () => intervals.size;
    });
    await openCoursePage(page);
    const before = await page.evaluate(() => ({ leaks: window.__leaks(), intervals: window.__intervals() }));

    await page.evaluate(async (base) => {
      const { mount } = await import(`${base}tensor-playground.js`);
      const el = document.createElement('div');
      el.id = 'doomed';
      document.querySelector('main').append(el);
      window.__doomed = await mount(el, { lesson: 'reductions', step: 4 });
      window.__heard = [];
      window.__doomed.on('select', (m) => window.__heard.push(m));
      window.__doomed.on('change', (m) => window.__heard.push(m));
      // Raw listeners too, for anything the playground might still dispatch.
      window.__raw = [];
      window.__rawListeners = ['ready', 'change', 'select', 'step', 'answer'].map((t) => {
        const listener = (e) => window.__raw.push(e.detail);
        el.addEventListener(`tensor-playground:${t}`, listener);
        return [`tensor-playground:${t}`, listener];
      });
    }, PLAYGROUND);
    const doomed = page.locator('#doomed');
    await expect(doomed.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    // Leave it busy: the walk-through playing (a timer selecting cell after cell).
    await doomed.getByTestId('reveal').click();
    await doomed.getByTestId('play').click();
    await expect.poll(() => page.evaluate(() => window.__heard.length)).toBeGreaterThan(1);
    expect(await page.evaluate(() => window.__intervals())).toBeGreaterThan(before.intervals);

    await page.evaluate(() => {
      window.__doomed.destroy();
      window.__heard.length = 0;
      window.__raw.length = 0;
    });
    const el = page.locator('#doomed');
    expect(await el.evaluate((e) => e.shadowRoot.childNodes.length)).toBe(0);
    // More than a frame's worth of time (0.9 s): nothing is dispatched any more.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1200)));
    expect(await page.evaluate(() => [window.__heard, window.__raw])).toEqual([[], []]);
    expect(await page.evaluate(() => window.__intervals())).toBe(before.intervals);
    // The raw listeners above are the test's own: without them, nothing of the playground's is left.
    const after = await page.evaluate(() => {
      const el = document.getElementById('doomed');
      for (const [type, listener] of window.__rawListeners) el.removeEventListener(type, listener);
      return window.__leaks();
    });
    expect(after).toEqual(before.leaks);
    // Its handle says so, and a second destroy() is harmless.
    const late = await page.evaluate(() => {
      const h = window.__doomed;
      return [() => h.setCode('x'), () => h.getState(), () => h.destroy()].map((f) => {
        try {
          f();
          return 'no error';
        } catch (e) {
          return e.message;
        }
      });
    });
    const gone = 'tensor-playground: this playground was destroyed';
    expect(late).toEqual([gone, gone, 'no error']);

    // A custom element taken out of the page destroys its playground the same way.
    const first = page.locator('#first');
    await expect(cellIn(first, 't.sum(dim=0)', '0')).toBeVisible();
    await page.evaluate(() => {
      const el = document.getElementById('first');
      window.__removed = el;
      el.remove();
    });
    expect(await page.evaluate(() => window.__removed.shadowRoot.childNodes.length)).toBe(0);
    // (What was inside #first left the page with it; the page-wide listeners are as before,
    // but for the one it held itself: its key listener, for Escape unpinning from anywhere.)
    const global = (leaks) => leaks.filter((l) => /^(window|document|media) /.test(l));
    const oneFewer = (leaks, listener) =>
      leaks.flatMap((l) => {
        if (!l.startsWith(`${listener} x`)) return [l];
        const n = Number(l.slice(listener.length + 2));
        return n > 1 ? [`${listener} x${n - 1}`] : [];
      });
    expect(global(await page.evaluate(() => window.__leaks()))).toEqual(
      oneFewer(global(before.leaks), 'window keydown|false'),
    );
  });
});

test.describe('hosting', () => {
  test('works from a sub-path of another origin, and no request leaves the two origins', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await recordEvents(page);
    await openCoursePage(page);
    // Everything drew: both elements, the iframe (above) and the API mount.
    await expect(cellIn(page.locator('#first'), 't.sum(dim=0)', '3')).toBeVisible();
    await expect(page.locator('#second').getByTestId('lesson-title')).toHaveText(STEPS[7].title);
    // [[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]]: row maxima 2, 3 (the first of the tie), 5.
    await expect(page.locator('#api').getByTestId('output')).toHaveText(
      'torch.return_types.max(\nvalues=tensor([2., 3., 5.]),\nindices=tensor([3, 1, 3]))',
    );
    await page.getByRole('button', { name: 'Show t.argmax(dim=0)' }).click();
    await expect(page.locator('#api').getByTestId('output')).toHaveText('tensor([2, 1, 1, 2])');
    await page.getByRole('button', { name: 'Iframe: next step' }).click();
    await expect(page.frameLocator('#frame').getByTestId('lesson-title')).toHaveText(STEPS[4].title);

    // The playground page itself, opened at the sub-path.
    await page.goto(`${PLAYGROUND}index.html#lesson=reductions&step=4`);
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await expect(page.getByTestId('tensor-grid')).toHaveCount(2);
    await page.goto(`${PLAYGROUND}`);
    await expect(page.getByTestId('lesson-list').getByRole('link')).toHaveCount(LESSON_IDS.length);

    // (data: URLs, like the page's empty icon, make no request.)
    const origins = new Set(requests.filter((u) => !u.startsWith('data:')).map((u) => new URL(u).origin));
    expect([...origins].sort()).toEqual([A, B].sort());
    // B's files were all asked for under the sub-path: relative URLs only.
    const fromB = requests.filter((u) => u.startsWith(B));
    expect(fromB.filter((u) => !u.startsWith(PLAYGROUND))).toEqual([]);
    const files = ['tensor-playground.js', 'playground.js', 'playground_bg.wasm', 'style.css', 'embed.js'];
    for (const f of [...files, 'lessons/reductions.md', 'lessons/index.txt']) {
      expect(fromB, f).toContain(`${PLAYGROUND}${f}`);
    }
  });

  test('the built pages run under their Content-Security-Policy without a violation', async ({ context, page }) => {
    // The walk-through is playing (on a busy machine it may be past its first output).
    const PLAYING = /^output \[\d\] = 1 \+ 2 \+ 3 = 6$/;
    const violations = [];
    await context.exposeBinding('__cspViolation', ({ frame }, v) => violations.push({ url: frame.url(), ...v }));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__cspViolation({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample }),
      );
    });
    // The policy is strict: scripts from the site and WebAssembly only. (Read
    // from the page as served: the release build minifies its HTML.)
    const probe = await context.newPage();
    await probe.goto(`${A}/index.html`);
    const policy = await probe.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    await probe.close();
    expect(policy).toBeTruthy();
    const scripts = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    expect(scripts).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(policy).toContain("object-src 'none'");

    // The page, a lesson with its walk-through playing, themes, and the embed in a course page.
    await page.goto(`${A}/index.html#lesson=reductions&step=4`);
    await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[3].title);
    await page.getByTestId('reveal').click();
    await page.getByTestId('play').click();
    await expect(page.getByTestId('caption')).toHaveText(PLAYING);
    // (Another path, "/", so that this is a new document, not a change of fragment.)
    const code = encodeURIComponent('t = torch.ones(2, 3)\nt.sum(dim=0)');
    await page.goto(`${A}/#embed=1&theme=dark&accent=%238a3ffc&code=${code}`);
    await expect(page.getByTestId('output')).toHaveText('tensor([2., 2., 2.])');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await openCoursePage(page);
    await page.frameLocator('#frame').getByTestId('reveal').click();
    await page.frameLocator('#frame').getByTestId('play').click();
    await expect(page.frameLocator('#frame').getByTestId('caption')).toHaveText(PLAYING);
    expect(violations).toEqual([]);

    // And the listener hears a violation when there is one (an inline script on the page).
    await page.goto(`${A}/index.html`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.__inline)).toBeUndefined();
  });
});

// Nothing a program, a lesson, a URL or a message says is ever run or taken
// as HTML. The policy would block inline script anyway, so these run with it
// bypassed: what is checked is the product's own handling of text.
test.describe('untrusted text is only ever text', () => {
  test.use({ bypassCSP: true });

  /**
   * A payload that calls `__xssRan(n)` if it is ever parsed as HTML, and
   * leaves elements with xss- ids. No quotes, so it fits in a Python string.
   */
  const payload = (n) =>
    `<img src=x id=xss-img onerror=__xssRan(${n})>` +
    `<script id=xss-script>__xssRan(${n})</script>` +
    `<svg id=xss-svg onload=__xssRan(${n})></svg>`;

  let ran;
  test.beforeEach(async ({ context }) => {
    ran = [];
    await context.exposeBinding('__xssRan', (_, where) => ran.push(where));
  });

  /** Elements the payloads would have made, in every frame and shadow root. */
  async function injected(page) {
    const found = [];
    for (const frame of page.frames()) {
      found.push(
        ...(await frame.evaluate(() => {
          const out = [];
          const walk = (root) => {
            for (const el of root.querySelectorAll('*')) {
              const attrs = el.getAttributeNames();
              const handler = attrs.some((a) => a === 'onerror' || a === 'onload');
              if (el.id.startsWith('xss-') || handler) out.push(el.outerHTML.slice(0, 80));
              if (el.shadowRoot) walk(el.shadowRoot);
            }
          };
          walk(document);
          return out;
        })),
      );
    }
    return found;
  }

  async function expectInert(page, requests) {
    expect(await injected(page)).toEqual([]);
    expect(ran).toEqual([]);
    expect(requests.filter((u) => /\/x$/.test(new URL(u).pathname))).toEqual([]);
  }

  test('program text, in the editor and in code=', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const p = payload(1);
    const program = `s = '${p}'\ns`;
    await page.goto(`${A}/index.html#code=${encodeURIComponent(program)}`);
    await expect(page.getByTestId('output')).toHaveText(`'${p}'`);
    // Typed into the editor: a string, a tensor expression named by it, and a syntax error.
    const editor = page.getByTestId('code');
    await editor.fill(`t = torch.ones(2)\nt.sum() + len('${p}')`);
    await expect(page.locator(`[data-testid="tensor-grid"][data-name="t.sum() + len('${p}')"]`)).toBeVisible();
    await editor.fill(`${p}\n`);
    await expect(page.getByTestId('error')).toContainText('SyntaxError');
    await editor.fill(`torch.ones(2).sum(dim='${p}')`);
    await expect(page.getByTestId('error')).toBeVisible();
    await expectInert(page, requests);

    // The checks above would see a payload taken as HTML: here the test does so itself.
    await page.evaluate((html) => {
      const div = document.createElement('div');
      div.innerHTML = html;
      document.body.append(div);
    }, payload(99));
    await expect.poll(() => ran.includes(99)).toBe(true);
    expect(await injected(page)).toHaveLength(3);
  });

  test('lesson text: titles, summary, prose, prompts, options and hints', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const fixture = readFileSync(new URL('./fixtures/xss.md', import.meta.url), 'utf8');
    await page.route('**/lessons/xss.md', (route) => route.fulfill({ contentType: 'text/markdown', body: fixture }));
    const index = `${LESSON_IDS.join('\n')}\nxss\n`;
    await page.route('**/lessons/index.txt', (route) => route.fulfill({ contentType: 'text/plain', body: index }));
    await page.goto(`${A}/index.html#lesson=xss&step=1`);
    const title = page.getByTestId('lesson-title');
    await expect(title).toHaveText(`Step <script id=xss-step-title>__xssRan('step title')</script> one`);
    await expect(page.locator('.tp-prose')).toContainText(`<img src=x id=xss-prose onerror="__xssRan('prose')">`);
    await expect(page.locator('.tp-prose code')).toHaveText(`<svg id=xss-code onload="__xssRan('code span')"></svg>`);
    await expect(page.getByTestId('question')).toContainText(`<img src=x id=xss-prompt onerror="__xssRan('prompt')">`);
    // The wrong option, named in the feedback with the hint.
    await page.getByRole('radio', { name: `<img src=x id=xss-option onerror="__xssRan('option')">` }).check();
    await page.getByTestId('check').click();
    await expect(page.getByTestId('feedback')).toContainText(`<script id=xss-hint>__xssRan('hint')</script>`);
    await page.getByRole('radio', { name: '<b id=xss-right>this</b> one' }).check();
    await page.getByTestId('check').click();
    await expect(page.getByTestId('output')).toHaveText(`'<img src=x id=xss-program onerror="__xssRan(1)">'`);
    // The lessons index shows its title and summary.
    await page.goto(`${A}/index.html`);
    const list = page.getByTestId('lesson-list');
    await expect(list).toContainText(`Lesson <img src=x id=xss-title onerror="__xssRan('lesson title')">`);
    await expect(list).toContainText(`<script id=xss-summary-code>__xssRan('summary code')</script>`);
    await expectInert(page, requests);
  });

  test('URL values: lesson id, theme, accent, panels, steps, origin', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    for (const [n, [key, extra]] of [
      ['lesson', ''],
      ['theme', '&embed=1'],
      ['accent', '&embed=1'],
      ['panels', '&embed=1'],
      ['steps', '&embed=1&lesson=reductions'],
      ['origin', '&embed=1&code=t.sum()'],
    ].entries()) {
      const p = payload(10 + n);
      await page.goto('about:blank'); // a new document each time, not a change of fragment
      await page.goto(`${A}/index.html#${key}=${encodeURIComponent(p)}${extra}`);
      if (key === 'origin') {
        await expect(page.getByTestId('error')).toBeVisible();
      } else if (key === 'lesson') {
        // Not in the lesson list: said so, quoting the id (cut short) as text.
        await expect(page.locator('.tp-lesson [role="alert"]')).toHaveText(
          `There is no lesson called “${[...p].slice(0, 80).join('')}…”.`,
        );
      } else {
        // Refused with a message that quotes the value as text.
        await expect(page.getByRole('alert').filter({ hasText: `${key}: ` }).first()).toContainText(p);
      }
      await expectInert(page, requests);
    }
  });

  test('messages, API calls and element attributes', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await openCoursePage(page);
    // Hostile values as custom element attributes: each refused, quoted as text.
    await page.evaluate((p) => {
      for (const name of ['theme', 'accent', 'panels', 'lesson', 'steps']) {
        const el = document.createElement('tensor-playground');
        el.className = 'hostile';
        el.setAttribute(name, p);
        document.querySelector('main').append(el);
      }
    }, payload(20));
    await expect(page.locator('.hostile p')).toHaveCount(5);
    for (const text of await page.locator('.hostile p').allTextContents()) expect(text).toContain(payload(20));
    // Programs by set-code, setCode() and the code attribute.
    const p = payload(30);
    const program = `s = '${p}'\ns`;
    await page.frameLocator('#frame').getByTestId('reveal').click(); // the lesson step's question first
    await postTo(page, msg('set-code', { code: program }));
    await expect(page.frameLocator('#frame').getByTestId('output')).toHaveText(`'${p}'`);
    await page.evaluate((c) => window.tensorPlaygroundExample.api.setCode(c), program);
    await expect(page.locator('#api').getByTestId('output')).toHaveText(`'${p}'`);
    await page.locator('#first').evaluate((el, c) => el.setAttribute('code', c), program);
    await expect(page.locator('#first').getByTestId('output')).toHaveText(`'${p}'`);
    await postTo(page, msg('set-code', { code: p }));
    await expect(page.frameLocator('#frame').getByTestId('error')).toBeVisible();
    await expectInert(page, requests);
  });
});

// Contract section 5: `ready` carries `code`, the program shown; a
// playground that opens on a lesson says it once the step is shown.
test('a lesson embed says ready with the step\'s program', async ({ page }) => {
  await recordEvents(page);
  // The course page's iframe opens on step 4, its second element on step 8.
  await openCoursePage(page);
  await expectEvent(page, 'message', 'frame', msg('step', { lesson: 'reductions', step: 4 }));
  await expectEvent(page, 'dom', 'second', msg('step', { lesson: 'reductions', step: 8 }));
  const ready = [
    ...(await events(page, 'message', 'frame', 'ready')),
    ...(await events(page, 'dom', 'second', 'ready')),
  ];
  expect(ready).toEqual([msg('ready', { code: STEPS[3].program }), msg('ready', { code: STEPS[7].program })]);
});
