import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// One id per run, inherited by workers: names the run's own database (or PGlite directory).
process.env.E2E_RUN_ID ??= `${Date.now().toString(36)}${process.pid}`;
const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${PORT}`;
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "test-results",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // One server with one embedded database: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  globalTeardown: "./e2e/global-teardown.ts",
  use: {
    baseURL,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: fs.existsSync(systemChromium)
      ? {
          executablePath: systemChromium,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        }
      : {},
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, dependencies: ["setup"], testIgnore: /throttle\.spec\.ts/ },
    // Throttling locks an account for 15 minutes, so it runs after everything else.
    { name: "throttle", use: { ...devices["Desktop Chrome"] }, dependencies: ["chromium"], testMatch: /throttle\.spec\.ts/ },
  ],
  webServer: {
    command: `node e2e/server.mjs`,
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: { E2E_PORT: String(PORT) },
  },
});
