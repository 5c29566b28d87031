// A developer's look at the page: serves a built site and saves a
// screenshot of one URL at one viewport, printing what the page reported.
//
//   node scripts/shot.mjs DIR OUT.png [FRAGMENT] [WIDTHxHEIGHT] [dark] [SCRIPT]
//
// SCRIPT, if given, is JavaScript run in the page before the screenshot
// (an async function body, with `page` helpers unavailable: plain DOM).
import { chromium } from '@playwright/test';
import { CHROMIUM, serveSite } from '../tests/e2e/site.mjs';

const [dir, out, fragment = '', size = '1280x800', scheme = 'light', script = ''] = process.argv.slice(2);
const [width, height] = size.split('x').map(Number);
const server = await serveSite(dir);
const browser = await chromium.launch(CHROMIUM);
try {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: scheme, hasTouch: width < 500 });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log('pageerror:', String(e)));
  page.on('console', (m) => console.log(`console.${m.type()}:`, m.text()));
  const started = Date.now();
  await page.goto(server.url + (fragment ? `#${fragment}` : ''));
  await page.waitForTimeout(300);
  await page.locator('[role="gridcell"], .tp-empty, [data-testid="error"]').first().waitFor({ timeout: 15000 }).catch(() => {});
  console.log(`drawn after ${Date.now() - started} ms`);
  if (script) await page.evaluate(`(async () => { ${script} })()`);
  await page.waitForTimeout(400);
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
  await server.close();
}
