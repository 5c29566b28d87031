// axe-core scans of the page in the states a learner sees: zero serious or
// critical violations, in the light theme (every rule) and the dark theme
// (colour contrast, the only rule the theme changes). Every finding, of any
// impact, is printed and attached to the report.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SEED, SEED_T, open, cell } from './helpers.mjs';

const STATES = {
  'a pinned output cell': async (page) => {
    await open(page, SEED);
    await cell(page, 't.argmax(dim=1)', '1').click();
  },
  'an error': async (page) => {
    await open(page, SEED);
    await page.getByTestId('code').fill(`${SEED_T}\nt.sum(dim=5)`);
    await expect(page.getByTestId('error')).toBeVisible();
  },
  'show all on a rank-3 values/indices pair': async (page) => {
    await open(page, 't = torch.arange(24.).reshape(2, 3, 4)\nt.max(dim=1)');
    await page.getByTestId('show-all').check();
  },
  'a summarised tensor, hovered': async (page) => {
    await open(page, 'torch.arange(5000.).reshape(50, 100).sum(dim=1)');
    await page.getByTestId('tensor-grid').last().getByRole('gridcell').first().hover();
  },
  'an input cell being edited': async (page) => {
    await open(page, SEED);
    await cell(page, 't', '0,0').dblclick();
    await expect(page.getByRole('textbox', { name: 'new value' })).toBeFocused();
  },
  'an answered choice question with its explanation': async (page) => {
    await page.goto('./#lesson=reductions&step=3');
    await page.getByRole('radio').first().check();
    await page.getByTestId('check').click();
    await expect(page.getByTestId('explain')).toBeVisible();
  },
  'a lesson step that stops at an error, its tensor drawn': async (page) => {
    await page.goto('./#lesson=reductions&step=13');
    await expect(page.getByTestId('error')).toBeVisible();
    await expect(page.getByTestId('tensor-grid')).toHaveCount(1);
  },
  'a lesson step': async (page) => {
    await page.goto('./#lesson=reductions&step=1');
    await expect(page.getByTestId('lesson-title')).toBeVisible();
    await expect(page.getByTestId('tensor-grid').first()).toBeVisible();
  },
};

async function scan(page, testInfo, label, rules) {
  const builder = new AxeBuilder({ page });
  if (rules) builder.withRules(rules);
  const results = await builder.analyze();
  const summary = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    count: v.nodes.length,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
  }));
  await testInfo.attach(`axe-${label}.json`, { body: JSON.stringify(summary, null, 2), contentType: 'application/json' });
  for (const v of summary) console.log(`axe ${label}: ${v.impact} ${v.id} x${v.count}: ${v.help} (${v.nodes.join(' | ')})`);
  return summary.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

for (const [name, setUp] of Object.entries(STATES)) {
  test(`axe: ${name}`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await setUp(page);
    const light = await scan(page, testInfo, `light, ${name}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await scan(page, testInfo, `dark, ${name}`, ['color-contrast']);
    expect({ light, dark }).toEqual({ light: [], dark: [] });
  });
}
