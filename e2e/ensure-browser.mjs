// The e2e tests use Debian's Chromium when it is installed; elsewhere Playwright's own build.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

if (!fs.existsSync("/usr/bin/chromium")) {
  execFileSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
}
