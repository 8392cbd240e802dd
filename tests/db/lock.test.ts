import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "@/lib/db/lock";
import { openDatabase } from "@/lib/db/open";
import type { DatabaseHandle } from "@/lib/db";
import { t } from "@/lib/i18n";

/**
 * The lock is about processes, so the second opener is always a real child process (tsx running a
 * tiny script against the same modules). This file's database is the on-disk PGlite it opens
 * itself; it needs no other.
 */
const repo = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(repo, "node_modules/.bin/tsx");
let scratch: string;

interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a TypeScript snippet in a child process from the repository root (so "@/" resolves). */
function runChild(source: string, args: string[] = []): Promise<ChildResult> {
  const file = path.join(scratch, `child-${Math.random().toString(36).slice(2)}.mts`);
  fs.writeFileSync(file, source);
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(tsx, [file, ...args], { cwd: repo, timeout: 60_000, env: { ...process.env, NODE_ENV: "test" } }, (error, stdout, stderr) => {
      // On a non-zero exit, execFile's error carries the exit code as a number.
      const code: unknown = error ? error.code : 0;
      resolve({ code: typeof code === "number" ? code : null, stdout, stderr, ms: Date.now() - started });
    });
  });
}

const lockChild = `
import { acquireDataDirLock } from ${JSON.stringify(path.join(repo, "lib/db/lock.ts"))};
try {
  acquireDataDirLock(process.argv[2]!);
  console.log("ACQUIRED " + process.pid);
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(3);
}
`;

const openChild = `
import { openDatabase } from ${JSON.stringify(path.join(repo, "lib/db/open.ts"))};
try {
  const handle = await openDatabase({ dataDir: process.argv[2]! });
  const { rows } = await handle.executeSql("select count(*)::int as n from kn_probe", []);
  console.log("OPENED " + JSON.stringify(rows));
  await handle.close();
  process.exit(0);
} catch (error) {
  console.error((error as Error).message);
  process.exit(3);
}
`;

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  const pid = child.pid!;
  await new Promise((resolve) => child.on("exit", resolve));
  return pid;
}

const freshDir = () => fs.mkdtempSync(path.join(scratch, "data-"));
const lockFile = (dir: string) => path.join(dir, "pglite.lock");

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kn-lock-"));
});
afterAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
});

describe("acquireDataDirLock", () => {
  it("writes this process's pid; a second process is refused with a message naming it", async () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    try {
      expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.pid));
      const child = await runChild(lockChild, [dir]);
      expect(child.code).toBe(3);
      expect(child.stdout).not.toContain("ACQUIRED");
      expect(child.stderr.trim()).toBe(t("db.locked", { dir: path.resolve(dir), pid: process.pid }));
      expect(child.stderr).toContain(`PID ${process.pid}`);
      // The refused process leaves the lock as it was.
      expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.pid));
    } finally {
      release();
    }
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it("once released, another process takes the lock, and its exit releases it", async () => {
    const dir = freshDir();
    acquireDataDirLock(dir)();
    const child = await runChild(lockChild, [dir]);
    expect(child.code).toBe(0);
    expect(child.stdout).toMatch(/^ACQUIRED \d+/);
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it("takes over a stale lock left by a process that died", async () => {
    const dir = freshDir();
    const pid = await deadPid();
    fs.writeFileSync(lockFile(dir), String(pid));
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });

  it("takes over a lock file with no pid in it", () => {
    const dir = freshDir();
    fs.writeFileSync(lockFile(dir), "");
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.pid));
    release();
  });

  it("a child process also takes over a stale lock", async () => {
    const dir = freshDir();
    fs.writeFileSync(lockFile(dir), String(await deadPid()));
    const child = await runChild(lockChild, [dir]);
    expect(child.code).toBe(0);
  });

  it("release removes the file once, and never a lock another process holds now", () => {
    const dir = freshDir();
    const release = acquireDataDirLock(dir);
    release();
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    release();

    const again = acquireDataDirLock(dir);
    // Someone else's lock replaced ours (after a takeover): releasing ours must not delete theirs.
    fs.writeFileSync(lockFile(dir), String(process.ppid));
    again();
    expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.ppid));
  });

  it("creates the data directory when it does not exist yet", () => {
    const dir = path.join(freshDir(), "nested", "data");
    const release = acquireDataDirLock(dir);
    expect(fs.existsSync(lockFile(dir))).toBe(true);
    release();
  });
});

describe("openDatabase on a data directory", () => {
  let dir: string;
  let handle: DatabaseHandle | undefined;

  beforeAll(async () => {
    dir = freshDir();
    handle = await openDatabase({ dataDir: dir });
    await handle.executeSql("create table kn_probe (n int)", []);
    await handle.executeSql("insert into kn_probe values ($1)", [1]);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("a second process opening the same directory fails fast with the message; the first stays usable", async () => {
    expect(fs.readFileSync(lockFile(dir), "utf8")).toBe(String(process.pid));
    const child = await runChild(openChild, [dir]);
    expect(child.code).toBe(3);
    expect(child.stdout).not.toContain("OPENED");
    expect(child.stderr.trim()).toBe(t("db.locked", { dir: path.resolve(dir), pid: process.pid }));
    // Refused before PGlite starts: the time is tsx's start-up, not a database's.
    expect(child.ms).toBeLessThan(15_000);

    await handle!.executeSql("insert into kn_probe values ($1)", [2]);
    const { rows } = await handle!.executeSql("select count(*)::int as n from kn_probe", []);
    expect(rows).toEqual([{ n: 2 }]);
  });

  it("after close, the lock is gone and another process opens the same data", async () => {
    await handle!.close();
    handle = undefined;
    expect(fs.existsSync(lockFile(dir))).toBe(false);
    const child = await runChild(openChild, [dir]);
    expect(child.stderr).toBe("");
    expect(child.code).toBe(0);
    expect(child.stdout).toContain('OPENED [{"n":2}]');
    expect(fs.existsSync(lockFile(dir))).toBe(false);
  });
});
