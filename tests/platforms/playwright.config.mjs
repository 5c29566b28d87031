// Playwright for the course platforms (make test-platforms): the examples
// that scripts/build-platforms built with the real tools, served from
// target/platforms/site/, and a marimo notebook with the Jupyter widget,
// served by marimo itself. Debian's Chromium, headless.
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM } from '../e2e/site.mjs';

const python = `${process.env.XDG_CACHE_HOME ?? `${process.env.HOME}/.cache`}/tensor-playground/platforms-venv/bin/python`;

export default defineConfig({
  testDir: '.',
  testMatch: 'platforms.spec.mjs',
  outputDir: '../e2e/artifacts/platforms',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 900 },
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM,
  },
  webServer: [
    {
      command: 'node ../e2e/serve.mjs ../../target/platforms/site',
      wait: { stdout: /on port (?<tp_platforms_port>\d+)/ },
      timeout: 10_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 1_000 },
    },
    {
      // The widget serves its bundled playground itself (platforms/jupyter).
      command: `${python} -m marimo run ../../platforms/jupyter/examples/marimo_notebook.py --headless --host 127.0.0.1 --no-token`,
      env: { PYTHONPATH: '../../platforms/jupyter', MARIMO_SKIP_UPDATE_CHECK: '1' },
      wait: { stdout: /URL: (?<tp_marimo_url>http:\/\/[\w.]+:\d+)/ },
      timeout: 60_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 2_000 },
    },
  ],
});
