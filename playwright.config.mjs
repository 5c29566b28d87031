// Playwright end-to-end tests of the built playground (dist/), run by
// `make test-e2e` after `make build-release`. Debian's Chromium, headless;
// no browser is ever downloaded (see ../shared/setup-notes.md).
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM } from './tests/e2e/site.mjs';

// The static servers pick free ports and print them; Playwright stores the
// captured groups in process.env.TP_E2E_PORT and TP_E2E_PORT_B before any
// worker starts. The first serves the site (every spec's baseURL); the
// second serves it again as another origin, with CORS and under a sub-path
// (/course/playground/), for the embedding specs (embed.spec.mjs).
const port = process.env.TP_E2E_PORT;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/e2e/artifacts/results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  // Generous: a busy 2-core machine (builds running beside the tests) slows every step.
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { outputFolder: 'tests/e2e/artifacts/report', open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: port ? `http://127.0.0.1:${port}/` : undefined,
    viewport: { width: 1280, height: 800 },
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM,
  },
  webServer: [
    {
      command: 'node tests/e2e/serve.mjs dist',
      wait: { stdout: /on port (?<tp_e2e_port>\d+)/ },
      timeout: 10_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 1_000 },
    },
    {
      command: 'node tests/e2e/serve.mjs dist --cors --under /course/playground/',
      wait: { stdout: /on port (?<tp_e2e_port_b>\d+)/ },
      timeout: 10_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 1_000 },
    },
  ],
});
