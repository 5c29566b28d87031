// Shared helpers for the end-to-end specs: programs from the lesson, opening
// the page on a program, and reading which cells carry which highlight.
import { expect } from '@playwright/test';

/** The seed lesson's argmax tensor (lesson facts, section 3). */
export const SEED_T = 't = torch.tensor([[1, 0, 0, 2], [0, 3, 3, 0], [4, 0, 0, 5]], dtype=torch.float32)';
/** The program the page opens on. */
export const SEED = `${SEED_T}\nt.argmax(dim=1)\n`;
/** The lesson's dim tensor (lesson facts, section 2). */
export const ROWS_T = 't = torch.tensor([[1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]], dtype=torch.float32)';

/** `#code=...` for a program, form-urlencoded as the contract says. */
export function fragment(code, extra = {}) {
  return '#' + new URLSearchParams({ code, ...extra }).toString();
}

/** The `code` key of a page URL's fragment, decoded. */
export function codeOf(url) {
  const hash = new URL(url).hash.slice(1);
  return new URLSearchParams(hash).get('code');
}

/**
 * Opens the page on `code` (or with no fragment) and waits until it has
 * evaluated it: its first grid is drawn (or, with `{ grids: false }`, the
 * transcript or the error line is there).
 */
export async function open(page, code, { grids = true } = {}) {
  await page.goto(code === undefined ? './' : `./${fragment(code)}`);
  if (code !== undefined) await expect(page.getByTestId('code')).toHaveValue(code);
  if (grids) await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
  else await expect(page.getByTestId('output').or(page.getByTestId('error')).first()).toBeAttached();
}

/** The grid whose data-name is `name`. */
export function grid(page, name) {
  return page.locator(`[data-testid="tensor-grid"][data-name="${cssString(name)}"]`);
}

/** The cell at `index` (an array, or a comma-separated string) of grid `name`. */
export function cell(page, name, index) {
  const i = Array.isArray(index) ? index.join(',') : index;
  return grid(page, name).locator(`[role="gridcell"][data-index="${i}"]`);
}

function cssString(s) {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** [data-name, data-shape] of every grid, in DOM order. */
export async function grids(page) {
  return page
    .getByTestId('tensor-grid')
    .evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-name'), g.getAttribute('data-shape')]));
}

const MARKS = ['active', 'source', 'winner', 'target'];

/**
 * Every cell on the page that carries a highlight attribute set to "true":
 * { active: [...], source: [...], winner: [...], target: [...] }, each a
 * sorted list of "gridName@index". Also fails if any mark has a value other
 * than "true" (the attributes are absent when not set).
 */
export async function marks(page) {
  const found = await page.locator('[role="gridcell"]').evaluateAll((cells, names) => {
    const out = Object.fromEntries(names.map((n) => [n, []]));
    const odd = [];
    for (const c of cells) {
      const where = `${c.closest('[data-testid="tensor-grid"]').getAttribute('data-name')}@${c.getAttribute('data-index')}`;
      for (const n of names) {
        const v = c.getAttribute(`data-${n}`);
        if (v === 'true') out[n].push(where);
        else if (v !== null) odd.push(`${where} data-${n}=${JSON.stringify(v)}`);
      }
    }
    return { out, odd };
  }, MARKS);
  expect(found.odd, 'highlight attributes are "true" or absent').toEqual([]);
  expect(await drawnMarks(page), 'each lit cell, and only those, has its box drawn under it').toEqual([]);
  for (const n of MARKS) found.out[n].sort();
  return found.out;
}

/**
 * The boxes drawn under lit cells (src/web/grid.rs) against the cells'
 * attributes: for each grid and kind, the boxes must cover exactly the cells
 * with `data-<kind>="true"` (a box may span several side by side, and rows
 * of the same columns one above the other): every such cell's centre in a
 * box whose corners are cell corners, and no other cell's centre in any
 * box. Returns the disagreements.
 */
export async function drawnMarks(page) {
  return page.getByTestId('tensor-grid').evaluateAll((gs) => {
    const kinds = ['source', 'winner', 'target', 'picked', 'best'];
    const near = (a, b) => Math.abs(a - b) < 1;
    const wrong = [];
    for (const g of gs) {
      const cells = [...g.querySelectorAll('[role="gridcell"]')].map((c) => ({
        c,
        r: c.getBoundingClientRect(),
      }));
      for (const kind of kinds) {
        const boxes = [...g.querySelectorAll(`.tp-mark.${kind}`)].map((b) => b.getBoundingClientRect());
        for (const b of boxes) {
          const starts = cells.some(({ r }) => near(r.left, b.left) && near(r.top, b.top));
          const ends = cells.some(({ r }) => near(r.right, b.right) && near(r.bottom, b.bottom));
          if (!starts || !ends) wrong.push(`${g.dataset.name} ${kind}: a box at ${b.left},${b.top} is not on cell edges`);
        }
        for (const { c, r } of cells) {
          const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
          const covered = boxes.filter((b) => b.left <= x && x <= b.right && b.top <= y && y <= b.bottom).length;
          const lit = c.getAttribute(`data-${kind}`) === 'true';
          if (covered !== (lit ? 1 : 0)) {
            wrong.push(`${g.dataset.name} ${kind}: cell ${c.dataset.index} is ${lit ? '' : 'not '}lit, under ${covered} boxes`);
          }
        }
      }
    }
    return wrong;
  });
}

/**
 * Expected marks, built from short lists: `at('t', ['1,0', '1,1'])` gives
 * ["t@1,0", "t@1,1"]. Missing keys mean "no cell".
 */
export function expected({ active = [], source = [], winner = [], target = [] }) {
  const sort = (xs) => [...xs].sort();
  return { active: sort(active), source: sort(source), winner: sort(winner), target: sort(target) };
}

/** "name@index" for each index. */
export function at(name, indices) {
  return indices.map((i) => `${name}@${Array.isArray(i) ? i.join(',') : i}`);
}

/** Every index of a row-major shape, as "i,j,..." strings. */
export function allIndices(shape) {
  let out = [[]];
  for (const n of shape) out = out.flatMap((p) => Array.from({ length: n }, (_, i) => [...p, i]));
  return out.map((i) => i.join(','));
}

/** Waits until the marks on the page equal `want` exactly. */
export async function expectMarks(page, want) {
  await expect.poll(() => marks(page)).toEqual(expected(want));
}

/** No cell carries any highlight. */
export async function expectNoMarks(page) {
  await expectMarks(page, {});
}

/** A spot on the page with no cell and nothing to click (the header's tagline). */
export function away(page) {
  return page.locator('.tp-tagline');
}

/** Moves the mouse away from every cell. */
export async function pointAway(page) {
  await away(page).hover();
}

/**
 * Replaces the editor's text as a person would: select all, paste all but
 * the last line (one input event), then type the last line key by key.
 */
export async function typeProgram(page, code) {
  const editor = page.getByTestId('code');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  const cut = code.trimEnd().lastIndexOf('\n') + 1;
  if (cut > 0) await page.keyboard.insertText(code.slice(0, cut));
  await page.keyboard.type(code.slice(cut));
}

/** Selects the program's last line and types `line` over it, key by key. */
export async function retypeLastLine(page, line) {
  const editor = page.getByTestId('code');
  await editor.click();
  await editor.evaluate((ta) => {
    const end = ta.value.trimEnd().length;
    ta.setSelectionRange(ta.value.lastIndexOf('\n', end - 1) + 1, end);
  });
  await page.keyboard.type(line);
}

/** The program's last non-empty line. */
export async function lastLine(page) {
  const code = await page.getByTestId('code').inputValue();
  return code.trimEnd().split('\n').at(-1);
}

/**
 * Waits until the element's text is exactly `text` (whitespace and newlines
 * included; Playwright's toHaveText would normalise them).
 */
export async function expectExactText(locator, text) {
  await expect.poll(() => locator.textContent()).toBe(text);
}

/** Waits until the `output` transcript is exactly `text`. */
export async function expectOutput(page, text) {
  await expectExactText(page.getByTestId('output'), text);
}

/**
 * Waits until the page has drawn the program it shows and stopped changing:
 * no run under way, and the same tensors drawn (or the same note where
 * nothing is) in two looks a quarter of a second apart.
 */
export async function settled(page) {
  let last = null;
  await expect
    .poll(
      async () => {
        const now = await page.evaluate(() => {
          const drawn = document.querySelectorAll('[data-testid="tensor-grid"], [data-testid="withheld-result"], .tp-empty');
          const busy = document.querySelector('[data-testid="running"], [data-testid="first-run"]');
          return busy ? null : [...drawn].map((g) => g.dataset.name ?? g.textContent).join('|');
        });
        const same = now !== null && now === last;
        last = now;
        return same;
      },
      { intervals: [250] },
    )
    .toBe(true);
}
