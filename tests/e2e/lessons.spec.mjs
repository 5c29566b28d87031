// As a learner: walk the whole `reductions` lesson (buttons and
// arrow keys), deep links, reload and remembered progress, predict-then-check
// questions (wrong, right, "Show me", clicking cells), the walk-through
// animation (played, and with reduced motion), and "Reset step".
//
// Titles, programs, prompts and hints come from www/lessons/reductions.md;
// the answers and printed values are worked out by hand from the programs
// (../shared/lesson-facts.md), never read off the page. The answer events a
// host page receives are covered in embed.spec.mjs.
import { test, expect } from '@playwright/test';
import { readLesson } from './lesson-source.mjs';
import { cell, grid, expectOutput, expectMarks, at, drawnMarks } from './helpers.mjs';

const LESSON = readLesson('reductions');
const STEPS = LESSON.steps;
const N = STEPS.length;
const KEEPDIM = readLesson('keepdim');

/**
 * Every step's right answer and its whole transcript, worked out by hand.
 * `kind` must match the step's @question in the Markdown (checked below), so
 * an edited lesson fails loudly here instead of silently testing something else.
 */
const KEY = {
  // [[0,1,0],[2,0,2],[0,3,0]]: 1 + 2 + 2 + 3 = 8
  1: { kind: 'print', answer: 'tensor(8.)', output: 'tensor(8.)\n' },
  2: { kind: 'choice', answer: '1', output: '9\n1\nTrue\n' },
  // prod has zeros; mean 8/9; unbiased std sqrt((18 - 9 * (8/9)^2) / 8) = 1.1667
  3: {
    kind: 'choice',
    answer: 'At least one element of t is 0',
    output: 'tensor(0.)\ntensor(0.8889)\ntensor(1.1667)\n',
  },
  // column 1 of [[1]*4, [2]*4, [3]*4]
  4: { kind: 'cells', answer: ['0,1', '1,1', '2,1'], output: 'tensor([6., 6., 6., 6.])\n' },
  5: { kind: 'shape', answer: 'torch.Size([4])', output: 'tensor([6., 6., 6., 6.])\n' },
  6: { kind: 'shape', answer: '3', output: 'tensor([ 4.,  8., 12.])\n' },
  7: { kind: 'print', answer: 'tensor(8.)', output: 'tensor(4.)\ntensor(12.)\ntensor(8.)\n' },
  // flattened [1,0,0,2, 0,3,3,0, 4,0,0,5]: the 5 is at 11
  8: { kind: 'print', answer: 'tensor(11)', output: 'tensor(11)\n' },
  9: { kind: null, output: 'tensor(5.)\ntensor([1., 0., 0., 2., 0., 3., 3., 0., 4., 0., 0., 5.])\n' },
  // rows: max 2 at 3; 3 at 1 (the first of the tie); 5 at 3
  10: {
    kind: 'choice',
    answer: '1',
    output: 'torch.return_types.max(\nvalues=tensor([2., 3., 5.]),\nindices=tensor([3, 1, 3]))\n',
  },
  // columns [1,0,4] [0,3,0] [0,3,0] [2,0,5] -> rows 2, 1, 1, 2
  11: { kind: 'cells', answer: ['0,3', '1,3', '2,3'], output: 'tensor([2, 1, 1, 2])\n' },
  // mean of 1..9 is 5; column means 4, 5, 6
  12: {
    kind: 'choice',
    answer: 'item()',
    output: 'tensor(5.)\n5.0\n[4.0, 5.0, 6.0]\narray([4., 5., 6.], dtype=float32)\n',
  },
  13: { kind: null, error: 'RuntimeError: a Tensor with 9 elements cannot be converted to Scalar' },
  // the biggest score per row sits in columns 9, 2, 1, 1
  14: { kind: 'print', answer: 'tensor([9, 2, 1, 1])', output: 'tensor([9, 2, 1, 1])\n' },
};

const answerBox = (page) => page.getByRole('textbox', { name: /^Your answer/ });

async function expectStep(page, n) {
  await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[n - 1].title);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`${n} / ${N}`);
  const hash = new URLSearchParams(new URL(page.url()).hash.slice(1));
  expect([hash.get('lesson'), hash.get('step')]).toEqual(['reductions', String(n)]);
}

/** Gives step n's right answer, from KEY, the way a learner would. */
async function answerRightly(page, n) {
  const { kind, answer } = KEY[n];
  if (kind === 'print' || kind === 'shape') {
    await answerBox(page).fill(answer);
  } else if (kind === 'choice') {
    // The options are one group, named by the question they answer.
    const group = page.getByRole('radiogroup', { name: /^Your answer: / });
    await group.getByRole('radio', { name: answer, exact: true }).check();
  } else if (kind === 'cells') {
    for (const index of answer) await cell(page, 't', index).click();
  }
  await page.getByTestId('check').click();
}

test('the key above is for the lesson as shipped', () => {
  expect(LESSON.id).toBe('reductions');
  expect(N).toBe(Object.keys(KEY).length);
  STEPS.forEach((step, i) => expect(step.question?.kind ?? null, `step ${i + 1}`).toBe(KEY[i + 1].kind));
  expect(STEPS[12].error).toBe(true);
  // The walk below checks each explanation: make sure there are some.
  expect(STEPS.filter((s) => s.explain).length).toBe(4);
});

test('a learner walks the whole lesson with "Next", answering each question', async ({ page }) => {
  await page.goto('./#lesson=reductions&step=1');
  await expect(page.getByTestId('lesson-prev')).toBeDisabled();
  for (let n = 1; n <= N; n++) {
    await expectStep(page, n);
    await expect(page.getByTestId('code')).toHaveValue(STEPS[n - 1].program);
    const key = KEY[n];
    if (key.kind) {
      // Predict first: the printed value is not shown yet.
      await expect(page.getByTestId('question')).toBeVisible();
      await expect(page.getByTestId('output')).not.toContainText(key.output.trimEnd().split('\n').at(-1));
      // The reason behind the answer waits for the answer.
      await expect(page.getByTestId('explain')).toHaveCount(0);
      await answerRightly(page, n);
      await expect(page.getByTestId('feedback')).toContainText('Right');
      const { explain } = STEPS[n - 1];
      if (explain) await expect(page.getByTestId('explain')).toHaveText(explain);
      else await expect(page.getByTestId('explain')).toHaveCount(0);
    } else {
      await expect(page.getByTestId('question')).toHaveCount(0);
    }
    if (key.error) {
      await expect(page.getByTestId('error')).toHaveText(key.error);
    } else {
      await expectOutput(page, key.output);
    }
    // Only the last step says the lesson is over.
    await expect(page.getByTestId('lesson-done')).toHaveCount(n === N ? 1 : 0);
    if (n < N) await page.getByTestId('lesson-next').click();
  }
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  await page.getByTestId('lesson-done').getByRole('link', { name: 'Back to all lessons' }).click();
  await expect(page.getByTestId('lesson-list')).toBeVisible();
});

// The page may reuse one step's cells for the next step's grids: nothing of
// the step before (hidden values, highlight boxes, the focus stop, values)
// may stay behind. Each step opened from its own link is the reference.
test('each step reached with "Next" is drawn exactly as its own link draws it', async ({ page }) => {
  const drawn = () =>
    page.getByTestId('tensor-grid').evaluateAll((gs) =>
      gs.map((g) => ({
        name: g.dataset.name,
        role: g.className,
        cells: [...g.querySelectorAll('[role="gridcell"]')].map((c) =>
          [c.dataset.index, c.textContent, c.getAttribute('data-pending'), c.getAttribute('tabindex')].join(' '),
        ),
        boxes: g.querySelectorAll('.tp-mark').length,
      })),
    );
  const fresh = [];
  for (let n = 1; n <= N; n++) {
    await page.goto(`./#lesson=reductions&step=${n}`);
    await page.reload();
    await expectStep(page, n);
    await expect(page.getByTestId('code')).toHaveValue(STEPS[n - 1].program);
    // Settled: two looks a moment apart agree.
    let before;
    await expect.poll(async () => {
      const now = JSON.stringify(await drawn());
      const same = now === before;
      before = now;
      return same;
    }).toBe(true);
    fresh.push(JSON.parse(before));
  }
  await page.goto('./#lesson=reductions&step=1');
  await page.reload();
  for (let n = 1; n <= N; n++) {
    await expectStep(page, n);
    await expect.poll(drawn, { message: `step ${n}` }).toEqual(fresh[n - 1]);
    expect(await drawnMarks(page)).toEqual([]);
    if (n < N) await page.getByTestId('lesson-next').click();
  }
});

test('the arrow keys walk the lesson back and forth, but not from inside the editor', async ({ page }) => {
  await page.goto(`./#lesson=reductions&step=${N}`);
  await expectStep(page, N);
  await expect(page.getByTestId('lesson-next')).toBeDisabled();
  // The focus on nothing in particular.
  await page.getByTestId('lesson-title').click();
  await page.keyboard.press('ArrowRight'); // at the last step: stays
  await expectStep(page, N);
  for (let n = N - 1; n >= 1; n--) {
    await page.keyboard.press('ArrowLeft');
    await expectStep(page, n);
  }
  await page.keyboard.press('ArrowLeft'); // at the first step: stays
  await expectStep(page, 1);
  await page.keyboard.press('ArrowRight');
  await expectStep(page, 2);
  await page.getByTestId('lesson-prev').click();
  await expectStep(page, 1);
  // Arrow keys inside the editor move the caret, not the lesson.
  await page.getByTestId('code').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expectStep(page, 1);
});

test('a deep link opens its step, a reload stays there, and the lessons index remembers progress', async ({ page }) => {
  await page.goto('./#lesson=reductions&step=8');
  await expectStep(page, 8);
  await expect(page.getByTestId('code')).toHaveValue(STEPS[7].program);
  await page.reload();
  await expectStep(page, 8);
  await expect(page.getByTestId('code')).toHaveValue(STEPS[7].program);

  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await expectStep(page, 10);
  await page.getByTestId('lesson-prev').click();
  await expectStep(page, 9);

  // The index: last visited step 9, furthest 10; keepdim never opened.
  await page.goto('./');
  const list = page.getByTestId('lesson-list');
  const reductions = list.locator('li', { has: page.getByRole('link', { name: LESSON.title, exact: true }) });
  await expect(reductions).toContainText(`10 / ${N}`);
  await expect(reductions.getByRole('link')).toHaveAttribute('href', '#lesson=reductions&step=9');
  await expect(reductions).toContainText(LESSON.summary);
  const keepdim = list.locator('li', { has: page.getByRole('link', { name: KEEPDIM.title, exact: true }) });
  await expect(keepdim).toContainText(`${KEEPDIM.steps.length} steps`);

  // Following the index link, or the lesson without a step, resumes at step 9.
  await reductions.getByRole('link').click();
  await expectStep(page, 9);
  await page.goto('./#lesson=keepdim');
  await expect(page.getByTestId('lesson-title')).toHaveText(KEEPDIM.steps[0].title);
  await page.goto('about:blank'); // a new visit, not a change of fragment
  await page.goto('./#lesson=reductions');
  await expect(page.getByTestId('lesson-title')).toHaveText(STEPS[8].title);
  await expect(page.getByTestId('lesson-progress')).toHaveText(`9 / ${N}`);
});

test('a question hides the result until answered: wrong (saying what was wrong), then right', async ({ page }) => {
  await page.goto('./#lesson=reductions&step=1');
  await expectStep(page, 1);
  const sum = cell(page, 't.sum()', '');
  await expect(sum).not.toHaveText('8.');
  await expect(page.getByTestId('output')).not.toContainText('tensor(8.)');

  // 9 is the number of elements, not their sum: the feedback says so.
  await answerBox(page).fill('tensor(9.)');
  await page.getByTestId('check').click();
  const feedback = page.getByTestId('feedback');
  await expect(feedback).toContainText('counts the elements (9 of them)');
  await expect(feedback).toContainText(STEPS[0].hint);
  await expect(sum).not.toHaveText('8.');
  await expect(page.getByTestId('output')).not.toContainText('tensor(8.)');

  // Another try: PyTorch's spacing is forgiven, the value is not.
  await answerBox(page).fill('tensor( 8. )');
  await page.getByTestId('check').click();
  await expect(feedback).toContainText('Right');
  await expect(feedback).not.toContainText(STEPS[0].hint);
  await expect(sum).toHaveText('8.');
  await expectOutput(page, 'tensor(8.)\n');
  await expect(page.getByTestId('check')).toBeDisabled();
  await expect(page.getByTestId('reveal')).toBeDisabled();

  // A multiple choice names the wrong pick, and says why it is wrong.
  await page.getByTestId('lesson-next').click();
  await expectStep(page, 2);
  const wrong = STEPS[1].question.options.find((o) => !o.right);
  await page.getByRole('radio', { name: wrong.text, exact: true }).check();
  await page.getByTestId('check').click();
  await expect(feedback).toHaveText(`Not “${wrong.text}”: ${wrong.why}`);
  await expect(page.getByTestId('output')).not.toContainText('True');
  await page.getByRole('radio', { name: '1', exact: true }).check();
  await page.getByTestId('check').click();
  await expect(feedback).toHaveText('Right.');
  await expectOutput(page, KEY[2].output);

  // A shape question names the shape typed, then takes (4,).
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await page.getByTestId('lesson-next').click();
  await expectStep(page, 5);
  await answerBox(page).fill('(3, 4)');
  await page.getByTestId('check').click();
  await expect(feedback).toContainText('torch.Size([3, 4])');
  await expect(feedback).toContainText(STEPS[4].hint);
  // A wrong answer keeps the result withheld.
  await expect(page.getByTestId('withheld-result')).toHaveCount(1);
  await expect(grid(page, 't[0] + t[1] + t[2]')).toHaveCount(0);
  await answerBox(page).fill('(4,)');
  await page.getByTestId('check').click();
  await expect(feedback).toContainText('Right');
  await expect(feedback).toContainText('torch.Size([4])');
  for (const i of ['0', '1', '2', '3']) await expect(cell(page, 't[0] + t[1] + t[2]', i)).toHaveText('6.');
});

test('while a question is open, neither the marks nor the words give its answer away', async ({ page }) => {
  // Step 10 asks which index max reports for row 1, [0, 3, 3, 0], and pins
  // output [1] of the values.
  await page.goto('./#lesson=reductions&step=10');
  await expectStep(page, 10);
  const values = 't.max(dim=1).values';
  const row = at('t', ['1,0', '1,1', '1,2', '1,3']);
  const live = page.getByTestId('announcer');
  await expectMarks(page, { active: at(values, ['1']), source: row });
  // The step pins the cell it is about, and the words say so.
  await expect(live).toHaveText(`Pinned. ${values}[1] = ?: the largest of t[1, 0], t[1, 1], t[1, 2], t[1, 3]`);

  await answerRightly(page, 10);
  await expect(page.getByTestId('feedback')).toContainText('Right');
  await expectMarks(page, { active: at(values, ['1']), source: row, winner: at('t', ['1,1']) });
  await expect(live).toHaveText(`Pinned. ${values}[1] = 3: the largest of t[1, 0], t[1, 1], t[1, 2], t[1, 3], which is t[1, 1]`);
});

test('a shape question withholds the result until it is answered', async ({ page }) => {
  // Step 5 asks for the shape of t[0] + t[1] + t[2]: its caption, axes and
  // cells would show torch.Size([4]).
  await page.goto('./#lesson=reductions&step=5');
  await expectStep(page, 5);
  const result = 't[0] + t[1] + t[2]';
  const withheld = page.getByTestId('withheld-result');
  await expect(withheld).toHaveAttribute('data-name', result);
  await expect(withheld).not.toContainText('torch.Size');
  await expect(grid(page, result)).toHaveCount(0);
  // Every other grid is drawn: t, t[0], t[1], t[0] + t[1], t[2].
  await expect(page.locator('[data-testid="tensor-grid"]')).toHaveCount(5);
  // Nor do the spoken words of an input name the outputs it feeds.
  await cell(page, 't', '0,0').hover();
  await expect(page.getByTestId('announcer')).toHaveText('t[0, 0] = 1: an input');

  await answerRightly(page, 5);
  await expect(page.getByTestId('feedback')).toContainText('Right');
  await expect(withheld).toHaveCount(0);
  await expect(grid(page, result)).toHaveAttribute('data-shape', '4');
  await cell(page, 't', '0,0').hover();
  await expect(page.getByTestId('announcer')).toHaveText(`t[0, 0] = 1: an input that feeds output [0]`);
});

test('"Show me" reveals the answer and the result', async ({ page }) => {
  await page.goto('./#lesson=reductions&step=6');
  await expectStep(page, 6);
  await expect(grid(page, 't.sum(dim=1)')).toHaveCount(0);
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('feedback')).toContainText('torch.Size([3])');
  // Shown, not marked wrong: asking is no mistake.
  await expect(page.getByTestId('feedback')).toHaveClass(/tp-shown/);
  await expect(page.getByTestId('feedback')).not.toHaveClass(/tp-wrong/);
  await expectOutput(page, KEY[6].output);
  await expect(cell(page, 't.sum(dim=1)', '2')).toHaveText('12.');
  await expect(page.getByTestId('check')).toBeDisabled();

  // The explanation comes with a revealed answer too.
  await page.goto('./#lesson=reductions&step=10');
  await expectStep(page, 10);
  await expect(page.getByTestId('explain')).toHaveCount(0);
  await page.getByTestId('reveal').click();
  await expect(page.getByTestId('feedback')).toHaveText('The answer: 1');
  await expect(page.getByTestId('explain')).toHaveText(STEPS[9].explain);

  // For a cells question, it lights the sources of the asked-for output: column 3.
  await page.goto('./#lesson=reductions&step=11');
  await expectStep(page, 11);
  await page.getByTestId('reveal').click();
  await expectOutput(page, KEY[11].output);
  await expectMarks(page, {
    active: at('t.argmax(dim=0)', ['3']),
    source: at('t', ['0,3', '1,3', '2,3']),
    winner: at('t', ['2,3']),
  });
});

test('a cells question: click cells, check, exact feedback for a wrong pick, then right', async ({ page }) => {
  await page.goto('./#lesson=reductions&step=4');
  await expectStep(page, 4);
  // t[0, 2] is in column 2; t[0, 1] is missing.
  for (const i of ['0,2', '1,1', '2,1']) await cell(page, 't', i).click();
  for (const i of ['0,2', '1,1', '2,1']) await expect(cell(page, 't', i)).toHaveAttribute('data-picked', 'true');
  await expect(page.getByTestId('question')).toContainText('3 picked');
  // Picking lights nothing up: that would give the answer away.
  await expectMarks(page, {});
  await page.getByTestId('check').click();
  await expect(page.getByTestId('feedback')).toHaveText(
    `You picked t[0, 2], which does not feed output [1]; 1 element that feeds it is not picked. ${STEPS[3].hint}`,
  );
  await expect(cell(page, 't.sum(dim=0)', '1')).not.toHaveText('6.');

  // Unpick t[0, 2], pick t[0, 1].
  await cell(page, 't', '0,2').click();
  await expect(cell(page, 't', '0,2')).not.toHaveAttribute('data-picked', 'true');
  await cell(page, 't', '0,1').click();
  await page.getByTestId('check').click();
  await expect(page.getByTestId('feedback')).toHaveText(
    'Right: output [1] is computed from t[0, 1], t[1, 1], t[2, 1].',
  );
  for (const i of ['0', '1', '2', '3']) await expect(cell(page, 't.sum(dim=0)', i)).toHaveText('6.');
  await expectOutput(page, KEY[4].output);
});

/**
 * Stops the page's clock: from now on its timers fire only when the test
 * moves time on (page.clock.runFor), so a walk-through frame (0.9 s) can be
 * checked one by one without waiting for it.
 */
async function stopTime(page) {
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
}

test.describe('the walk-through', () => {
  test('sum(dim=0) plays column by column: 1 + 2 + 3 = 6, each output filling in', async ({ page }) => {
    await page.goto('./#lesson=reductions&step=4');
    await expectStep(page, 4);
    await stopTime(page);
    const play = page.getByTestId('play');
    await expect(play).toBeDisabled(); // answer first
    await page.getByTestId('reveal').click();
    await page.getByTestId('step-forward').click();
    await page.getByRole('button', { name: 'Restart' }).click();
    await expect(page.getByTestId('caption')).toHaveText('');

    await play.click();
    await expect(play).toHaveText('Pause');
    const out = (i) => cell(page, 't.sum(dim=0)', String(i));
    for (let k = 0; k < 4; k++) {
      if (k > 0) await page.clock.runFor(900);
      // Column k pours into output k: 1 + 2 + 3 = 6. The caption says it,
      // naming the output being filled (every column sums to 6 here);
      // the cell's own words stay quiet rather than talk over it.
      await expect(page.getByTestId('caption')).toHaveText(`output [${k}] = 1 + 2 + 3 = 6`);
      await expect(page.getByTestId('announcer')).toHaveText('');
      await expectMarks(page, {
        active: at('t.sum(dim=0)', [String(k)]),
        source: at('t', [`0,${k}`, `1,${k}`, `2,${k}`]),
      });
      for (let i = 0; i < 4; i++) {
        if (i <= k) await expect(out(i)).toHaveText('6.');
        else await expect(out(i)).toHaveText('');
      }
    }
    await page.clock.runFor(900);
    await expect(play).toHaveText('Play');
    for (let i = 0; i < 4; i++) await expect(out(i)).toHaveText('6.');
    await page.clock.runFor(5000);
    await expect(page.getByTestId('caption')).toHaveText('output [3] = 1 + 2 + 3 = 6');
  });

  test('argmax() walks the flattened order and ends on "the 5 sits at index 11"', async ({ page }) => {
    await page.goto('./#lesson=reductions&step=8');
    await expectStep(page, 8);
    await stopTime(page);
    await answerBox(page).fill('tensor(11)');
    await page.getByTestId('check').click();
    await expect(page.getByTestId('feedback')).toContainText('Right');

    const flat = [1, 0, 0, 2, 0, 3, 3, 0, 4, 0, 0, 5];
    const where = (f) => `${Math.floor(f / 4)},${f % 4}`;
    await page.getByTestId('play').click();
    let best = 0;
    for (let f = 0; f < flat.length; f++) {
      if (f > 0) await page.clock.runFor(900);
      if (flat[f] > flat[best]) best = f; // a tie keeps the first
      await expect(page.getByTestId('caption')).toContainText(`flat index ${f}`);
      await expect(cell(page, 't', where(f))).toHaveAttribute('data-active', 'true');
      await expect(page.locator('[data-best="true"]')).toHaveCount(1);
      await expect(cell(page, 't', where(best))).toHaveAttribute('data-best', 'true');
      await expect(cell(page, 't.argmax()', '')).toHaveText('');
    }
    await page.clock.runFor(900);
    await expect(page.getByTestId('caption')).toHaveText('the 5 sits at index 11');
    await expect(cell(page, 't.argmax()', '')).toHaveText('11');
    await expect(cell(page, 't', '2,3')).toHaveAttribute('data-best', 'true');
    await page.clock.runFor(900);
    await expect(page.getByTestId('play')).toHaveText('Play');
    await expect(page.getByTestId('caption')).toHaveText('the 5 sits at index 11');
  });
});

test.describe('with reduced motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('there is no Play, and the walk-through moves only by its step buttons', async ({ page }) => {
    await page.goto('./#lesson=reductions&step=4');
    await expectStep(page, 4);
    await stopTime(page);
    await page.getByTestId('reveal').click();
    await expect(page.getByTestId('play')).toHaveCount(0);
    const out = (i) => cell(page, 't.sum(dim=0)', String(i));

    await page.getByTestId('step-forward').click();
    await expect(page.getByTestId('caption')).toHaveText('output [0] = 1 + 2 + 3 = 6');
    await expect(out(0)).toHaveText('6.');
    await expect(out(1)).toHaveText('');
    // Time passes; nothing moves by itself.
    await page.clock.runFor(10_000);
    await expect(out(1)).toHaveText('');
    await expect(out(0)).toHaveAttribute('data-active', 'true');

    await page.getByTestId('step-forward').click();
    await expect(out(1)).toHaveText('6.');
    await expect(out(2)).toHaveText('');
    await expectMarks(page, { active: at('t.sum(dim=0)', ['1']), source: at('t', ['0,1', '1,1', '2,1']) });
    await page.getByTestId('step-back').click();
    await expect(out(1)).toHaveText('');
    await expect(out(0)).toHaveAttribute('data-active', 'true');
    // And without movement: no transitions.
    expect(await out(0).evaluate((e) => getComputedStyle(e).transitionDuration)).toBe('0s');
  });
});

test('"Reset step" brings back the author\'s program after an edit', async ({ page }) => {
  await page.goto('./#lesson=reductions&step=4');
  await expectStep(page, 4);
  const reset = page.getByRole('button', { name: 'Reset step' });
  await expect(reset).toBeDisabled();
  await page.getByTestId('reveal').click();

  const editor = page.getByTestId('code');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('Backspace'); // the final newline
  for (let i = 0; i < 'dim=0)'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.type('dim=1)');
  await expect(grid(page, 't.sum(dim=1)')).toBeVisible();
  await expectOutput(page, 'tensor([ 4.,  8., 12.])\n');
  await expect(reset).toBeEnabled();

  await reset.click();
  await expect(editor).toHaveValue(STEPS[3].program);
  await expect(grid(page, 't.sum(dim=0)')).toBeVisible();
  await expect(grid(page, 't.sum(dim=1)')).toHaveCount(0);
  await expect(reset).toBeDisabled();
  await expectStep(page, 4);
  expect(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('code')).toBeNull();
});

/**
 * The lessons after reductions (issue 14): each opens from the lessons list
 * at its first step, and its first question takes the right answer, worked
 * out by hand from the program.
 */
const FIRST_ANSWERS = {
  // Each row's largest score: 2.0 in column 0, 3.0 in 1, 1.5 in 4 (over the 1.25 in 2), 2.5 in 3.
  predictions: { kind: 'print', answer: 'tensor([0, 1, 4, 3])', output: 'tensor([0, 1, 4, 3])\n' },
  // 1 * 4 + 2 * 0 + 3 * 1
  matmul: { kind: 'print', answer: 'tensor(7.)', output: 'tensor(7.)\n' },
  // Nothing has called backward() yet, so x.grad is None; y is the sum 1 + 2 + 3.
  gradients: { kind: 'choice', answer: 'None', output: 'None\ntensor(6., grad_fn=<SumBackward0>)\n' },
  // Rows 0 and 2 of t, 4 elements each.
  indexing: {
    kind: 'shape',
    answer: '(2, 4)',
    output: 'tensor([[ 3., -1.,  0.,  2.],\n        [ 0.,  4., -3.,  6.]])\n',
  },
};

for (const [id, key] of Object.entries(FIRST_ANSWERS)) {
  test(`the ${id} lesson opens from the list, and its first question takes the right answer`, async ({ page }) => {
    const lesson = readLesson(id);
    expect(lesson.steps[0].question?.kind).toBe(key.kind);
    await page.goto('./');
    await page.getByTestId('lesson-list').getByRole('link', { name: lesson.title, exact: true }).click();
    await expect(page.getByTestId('lesson-title')).toHaveText(lesson.steps[0].title);
    await expect(page.getByTestId('lesson-progress')).toHaveText(`1 / ${lesson.steps.length}`);
    await expect(page.getByTestId('code')).toHaveValue(lesson.steps[0].program);
    // Predict first: the printed value is not shown yet.
    await expect(page.getByTestId('question')).toBeVisible();
    await expect(page.getByTestId('output')).not.toContainText(key.output.trimEnd().split('\n').at(-1));
    await answerGiven(page, key);
    await expect(page.getByTestId('feedback')).toContainText('Right');
    await expectOutput(page, key.output);
  });
}

/** Types or picks `key.answer` for a print, shape or choice question, then checks it. */
async function answerGiven(page, { kind, answer }) {
  if (kind === 'choice') {
    const group = page.getByRole('radiogroup', { name: /^Your answer: / });
    await group.getByRole('radio', { name: answer, exact: true }).check();
  } else {
    await answerBox(page).fill(answer);
  }
  await page.getByTestId('check').click();
}

/**
 * The gradients lesson (issue 15): what `backward()` leaves in `.grad`,
 * worked out by hand from each step's program, and the whole transcript.
 */
const GRADIENTS_KEY = {
  1: { kind: 'choice', answer: 'None', output: 'None\ntensor(6., grad_fn=<SumBackward0>)\n' },
  // d(sum)/dx = 1 for each of the 6 elements.
  2: {
    kind: 'print',
    answer: 'tensor([[1., 1., 1.], [1., 1., 1.]])',
    output: 'tensor([[1., 1., 1.],\n        [1., 1., 1.]])\n',
  },
  // 1/4 for each of the 4 elements.
  3: {
    kind: 'print',
    answer: 'tensor([[0.2500, 0.2500], [0.2500, 0.2500]])',
    output: 'tensor([[0.2500, 0.2500],\n        [0.2500, 0.2500]])\n',
  },
  4: {
    kind: 'choice',
    answer: 'y holds 2 numbers, and backward() starts from a single one',
    error: 'RuntimeError: grad can be implicitly created only for scalar outputs',
  },
  // Row 0's max is reported at 1 (the first 5), row 1's at 0 (the first 7).
  5: {
    kind: 'print',
    answer: 'tensor([[0., 1., 0.], [1., 0., 0.]])',
    output: 'tensor([[0., 1., 0.],\n        [1., 0., 0.]])\n',
  },
  // amax splits each row's 1 between its two tied elements.
  6: {
    kind: 'choice',
    answer: '0.5 each',
    output: 'tensor([[0.0000, 0.5000, 0.5000],\n        [0.5000, 0.0000, 0.5000]])\n',
  },
  // 3 * 4, 2 * 4, 2 * 3
  7: { kind: 'print', answer: 'tensor([12., 8., 6.])', output: 'tensor([12.,  8.,  6.])\n' },
  // Only the 0 has no 0 among its others: 2 * 3 * 4.
  8: { kind: 'print', answer: 'tensor([0., 24., 0., 0.])', output: 'tensor([ 0., 24.,  0.,  0.])\n' },
  // mean 2, std sqrt(12 / 3) = 2: (x - 2) / (3 * 2)
  9: {
    kind: 'print',
    answer: 'tensor([-0.1667, -0.1667, -0.1667, 0.5000])',
    output: 'tensor([-0.1667, -0.1667, -0.1667,  0.5000])\n',
  },
};

test.describe('the gradients lesson', () => {
  const lesson = readLesson('gradients');

  test('the key above is for the lesson as shipped', () => {
    expect(lesson.steps.length).toBe(Object.keys(GRADIENTS_KEY).length);
    lesson.steps.forEach((step, i) => {
      expect(step.question?.kind ?? null, `step ${i + 1}`).toBe(GRADIENTS_KEY[i + 1].kind);
      expect(step.error, `step ${i + 1}`).toBe(Boolean(GRADIENTS_KEY[i + 1].error));
    });
  });

  test('a learner walks it with "Next", predicting each .grad before it is shown', async ({ page }) => {
    await page.goto('./#lesson=gradients&step=1');
    const n = lesson.steps.length;
    for (let i = 1; i <= n; i++) {
      const key = GRADIENTS_KEY[i];
      await expect(page.getByTestId('lesson-title')).toHaveText(lesson.steps[i - 1].title);
      await expect(page.getByTestId('lesson-progress')).toHaveText(`${i} / ${n}`);
      await expect(page.getByTestId('code')).toHaveValue(lesson.steps[i - 1].program);
      await expect(page.getByTestId('question')).toBeVisible();
      if (key.output) {
        await expect(page.getByTestId('output')).not.toContainText(key.output.trimEnd().split('\n').at(-1));
      }
      await answerGiven(page, key);
      await expect(page.getByTestId('feedback')).toContainText('Right');
      await expect(page.getByTestId('explain')).toHaveText(lesson.steps[i - 1].explain);
      if (key.error) await expect(page.getByTestId('error')).toHaveText(key.error);
      else await expectOutput(page, key.output);
      await expect(page.getByTestId('lesson-done')).toHaveCount(i === n ? 1 : 0);
      if (i < n) await page.getByTestId('lesson-next').click();
    }
  });

  test('a wrong .grad is told what it gets wrong; the right values written short are told so', async ({
    page,
  }) => {
    const step = lesson.steps[2];
    await page.goto('./#lesson=gradients&step=3');
    await expect(page.getByTestId('lesson-title')).toHaveText(step.title);
    // Dividing by a row's 2 elements instead of all 4: the author's @wrong.
    const halves = step.wrong.find((w) => w.answer.includes('0.5000'));
    await answerBox(page).fill(halves.answer);
    await page.getByTestId('check').click();
    await expect(page.getByTestId('feedback')).toHaveClass(/tp-wrong/);
    await expect(page.getByTestId('feedback')).toContainText(halves.why);
    await expect(page.getByTestId('feedback')).toContainText(step.hint);
    // 0.25 is the right value, printed by PyTorch with four decimals.
    await answerBox(page).fill('tensor([[0.25, 0.25], [0.25, 0.25]])');
    await page.getByTestId('check').click();
    await expect(page.getByTestId('feedback')).toContainText('The numbers are right');
    await expect(page.getByTestId('feedback')).toContainText('0.2500');
    await expect(page.getByTestId('feedback')).not.toContainText(step.hint);

    // amax's tie: giving it all to the first 5 is max(dim)'s rule, and the option says so.
    const amax = lesson.steps[5];
    await page.goto('./#lesson=gradients&step=6');
    await expect(page.getByTestId('lesson-title')).toHaveText(amax.title);
    const first = amax.question.options.find((o) => o.text.startsWith('1 for the first'));
    const group = page.getByRole('radiogroup', { name: /^Your answer: / });
    await group.getByRole('radio', { name: first.text, exact: true }).check();
    await page.getByTestId('check').click();
    await expect(page.getByTestId('feedback')).toContainText(first.why);
  });
});
