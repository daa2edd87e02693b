import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Either test a running server (E2E_BASE_URL, which must serve the built client at "/"),
// or let Playwright start the Flask app with gunicorn from the repo root (it serves clients/dist:
// run `npm run build` first).
const port = Number(process.env.E2E_PORT ?? 5099);
const external = process.env.E2E_BASE_URL;
const baseURL = (external ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');

// A fresh SQLite file per run (override with E2E_DATABASE_URL). Kept in process.env so that
// Playwright's worker processes, which load this file again, reuse it instead of making more temp dirs.
const databaseUrl = external
  ? ''
  : (process.env.E2E_DATABASE_URL ??= `sqlite:///${join(mkdtempSync(join(tmpdir(), 'flask-track-e2e-')), 'e2e.sqlite')}`);

export default defineConfig({
  testDir: './e2e',
  workers: 2,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: external
    ? undefined
    : {
        // The same server command as production and the contract harness: migrations, then gunicorn.
        command: `${process.env.E2E_PYTHON ?? 'python3'} -m flask_track.serve --with-worker --workers 1 --threads 4 --port ${port}`,
        cwd: '..',
        url: `${baseURL}/health`,
        reuseExistingServer: false,
        timeout: 60_000,
        stdout: 'ignore',
        stderr: 'pipe',
        gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
        env: {
          APP_ENV: 'testing',
          DATABASE_URL: databaseUrl,
          SECRET_KEY: 'e2e-secret-key-not-for-production',
          JWT_SECRET_KEY: 'e2e-jwt-secret-key-not-for-production',
          ADMIN_EMAIL: 'e2e-admin@example.com',
          ADMIN_PASSWORD: 'e2e-admin-password-not-for-production',
          // Pages of later concepts send mail; nothing listens here, delivery is retried.
          SMTP_PORT: '2599',
        },
      },
});
