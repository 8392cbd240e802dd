import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    // Vitest's default (one worker fewer than the cores) runs the files one at a time on the
    // 2-core machines this project is tested on: 19 minutes, where two workers take 12.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    globalSetup: ["tests/global-setup.ts"],
    // Files the tests keep (uploaded lists) go to a scratch directory, not the app's .data.
    env: { DATA_DIR: path.join(os.tmpdir(), `kn-vitest-${process.pid}`) },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // next/headers and friends are imported (never called) by action modules under test.
    server: { deps: { inline: ["next-auth"] } },
  },
});
