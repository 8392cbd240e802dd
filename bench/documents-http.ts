/**
 * The public document page under load: `next start` on port 3377 over a freshly seeded demo
 * database (PGlite in a temporary DATA_DIR), autocannon on loopback against /van-ban/<id> (a
 * statically rendered page, served from Next's cache after its first visit), its view beacon
 * (the POST each visit sends), the library list and, for comparison, /api/health (one
 * `select 1`, no rendering) and a static file. Uses the production build in .next as it is; never builds.
 * startProductionServer (the seeded database and `next start`), load and sequential serve bench/portal.ts too.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";

export const HTTP_PORT = 3377;
const FORBIDDEN_PORTS = new Set([3210, 3300]);

export interface LoadResult {
  label: string;
  path: string;
  requestsPerSecond: number;
  /** Requests per second, one sample per second: the slowest and the fastest second. */
  minPerSecond: number;
  maxPerSecond: number;
  total: number;
  p50: number;
  p975: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  bytesPerRequest: number;
}

export interface HttpReport {
  seedSeconds: number;
  startSeconds: number;
  documentId: string;
  documentsInSitemap: number;
  connections: number;
  seconds: number;
  results: LoadResult[];
  /** The page's x-nextjs-cache answer once warm (HIT: served from the cache) and its CSP. */
  pageCache: string;
  pageCsp: string;
  /** Sequential requests, one at a time: the latency of one page alone. */
  single: { path: string; p50: number; p95: number }[];
  serverCpuSeconds: number | null;
  /** What one request of the page does besides rendering, each measured alone on the same data. */
  pieces: { label: string; p50: number; p95: number }[];
  /** With --profile: where the server's CPU went during the page run, by category. */
  profile: { windowSeconds: number; categories: { label: string; share: number }[] } | null;
  loadAverage: { before: number; after: number };
  /** .next/BUILD_ID when the server started and when the runs ended (others may rebuild). */
  buildId: { before: string; after: string };
  serverLog: string;
}

export function buildExists(root: string): boolean {
  return existsSync(path.join(root, ".next", "BUILD_ID"));
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(options.logFile, { flags: "a" });
    const proc = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    proc.stdout.pipe(out, { end: false });
    proc.stderr.pipe(out, { end: false });
    proc.on("error", reject);
    proc.on("close", (code) => {
      out.end();
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} exited with ${code} (log: ${options.logFile})`));
    });
  });
}

async function tail(file: string, lines = 30) {
  try {
    return (await readFile(file, "utf8")).split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** CPU seconds (user + system) of a process and its children that were waited for, from /proc. */
export async function cpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / 100;
  } catch {
    return null;
  }
}

export async function load(base: string, label: string, urlPath: string, connections: number, duration: number, method: "GET" | "POST" = "GET"): Promise<LoadResult> {
  const headers: Record<string, string> = method === "POST" ? { "sec-fetch-site": "same-origin" } : { accept: "text/html" };
  const result = await autocannon({ url: `${base}${urlPath}`, connections, duration, method, headers });
  return {
    label,
    path: urlPath,
    requestsPerSecond: result.requests.average,
    minPerSecond: result.requests.min,
    maxPerSecond: result.requests.max,
    total: result.requests.total,
    p50: result.latency.p50,
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerRequest: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
}

export async function sequential(base: string, urlPath: string, count: number) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const response = await fetch(`${base}${urlPath}`);
    await response.arrayBuffer();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { path: urlPath, p50: samples[Math.floor(samples.length * 0.5)]!, p95: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))]! };
}


function timed(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: sorted[Math.floor(sorted.length * 0.5)] ?? 0, p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0 };
}

async function repeat(count: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return timed(samples);
}

/**
 * What rendering the page costs when it is not cached (its first visit, or after its document
 * changed), and what each visit's beacon costs, on the server's own database once it has stopped.
 */
async function measurePieces(dataDir: string, documentId: string, appUrl: string) {
  const { openDatabase } = await import("@/lib/db/open");
  const { getPublicDocument } = await import("@/lib/documents/public");
  const { countDocumentView } = await import("@/lib/documents/views");
  const { getSettings } = await import("@/lib/org/settings");
  const { default: QRCode } = await import("qrcode");
  const handle = await openDatabase({ dataDir, migrate: false });
  try {
    const doc = await getPublicDocument(handle.db, documentId);
    const files = doc?.files.length ?? 0;
    const code = doc?.files[0]?.verificationCode ?? "ABCDE-FGHJK";
    const qrUrl = `${appUrl}/xac-thuc?ma=${encodeURIComponent(code)}`;
    for (let i = 0; i < 20; i++) await QRCode.toString(qrUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
    let visitor = 0;
    return [
      { label: "getPublicDocument (rendering the page on a cache miss)", ...(await repeat(200, () => getPublicDocument(handle.db, documentId))) },
      { label: "getSettings (the layout, on a cache miss)", ...(await repeat(200, () => getSettings(handle.db))) },
      { label: `QR code SVG (Authenticity, on a cache miss × ${files} file${files === 1 ? "" : "s"})`, ...(await repeat(200, () => QRCode.toString(qrUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }))) },
      { label: "countDocumentView, a new visitor (beacon: mark + UPDATE)", ...(await repeat(200, () => countDocumentView(handle.db, documentId, `bench-${visitor++}`))) },
      { label: "countDocumentView, the same visitor again (beacon: mark only)", ...(await repeat(200, () => countDocumentView(handle.db, documentId, "bench-0"))) },
    ];
  } finally {
    await handle.close();
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self time of the samples in [from, to] (µs, profile clock), by the first category found on the stack. */
async function profileCategories(file: string, root: string, from: number, to: number) {
  const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
  // The server chunk holding the qrcode module.
  const chunkDir = path.join(root, ".next", "server", "chunks", "ssr");
  const qrChunks: string[] = [];
  for (const name of await readdir(chunkDir).catch(() => [] as string[])) {
    if (name.endsWith(".js") && (await readFile(path.join(chunkDir, name), "utf8")).includes("qrToImageData")) qrChunks.push(name);
  }
  const categories: [string, (url: string) => boolean][] = [
    ["QR codes (qrcode)", (u) => qrChunks.some((c) => u.endsWith(c))],
    ["PGlite (queries, WebAssembly)", (u) => u.includes("pglite") || u.startsWith("wasm://")],
    ["gzip of responses", (u) => u.includes("compression") || u === "node:zlib"],
    ["drizzle (query building)", (u) => u.includes("drizzle")],
    ["React / Next rendering (app-page runtime)", (u) => u.includes("app-page") || u.includes("react")],
    ["Next server (routing, proxy, cache)", (u) => u.includes("next/dist") || u.includes("next-server")],
  ];
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const sums = new Map<string, number>();
  let total = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (t < from || t > to) continue;
    const d = profile.timeDeltas[i + 1] ?? 0;
    total += d;
    const leaf = byId.get(profile.samples[i]!)!.callFrame.functionName;
    let category = leaf === "(idle)" ? "idle" : leaf === "(garbage collector)" ? "garbage collection" : null;
    if (!category) {
      const urls: string[] = [];
      for (let id: number | undefined = profile.samples[i]; id !== undefined; id = parent.get(id)) urls.push(byId.get(id)!.callFrame.url);
      category = categories.find(([, test]) => urls.some(test))?.[0] ?? "other (Node http and streams, async hooks, app code)";
    }
    sums.set(category, (sums.get(category) ?? 0) + d);
  }
  return {
    windowSeconds: total / 1e6,
    categories: [...sums].sort((a, b) => b[1] - a[1]).map(([label, v]) => ({ label, share: total > 0 ? v / total : 0 })),
  };
}

export interface HttpOptions {
  root: string;
  connections: number;
  seconds: number;
  log: (line: string) => void;
  /** Run the server under --cpu-prof and load the page only. */
  profile: boolean;
  /** Registers a clean-up to run on failure or interruption too. */
  onCleanup: (fn: () => Promise<void>) => void;
}

export interface ServerOptions {
  root: string;
  log: (line: string) => void;
  /** Registers a clean-up to run on failure or interruption too. */
  onCleanup: (fn: () => Promise<void>) => void;
  /** Default HTTP_PORT (3377). */
  port?: number;
  /** The temporary data directory's name prefix (default kn-bench-docs-http-). */
  dataDirPrefix?: string;
  /** Run the server under --cpu-prof, writing the profile into this directory on exit. */
  cpuProfileDir?: (dataDir: string) => string;
  /** Runs after the seed, before the server starts (the database is free then). */
  beforeStart?: (dataDir: string) => Promise<void>;
}

export interface ProductionServer {
  base: string;
  port: number;
  pid: number;
  dataDir: string;
  logFile: string;
  /** The server's environment; AUTH_SECRET signs its sessions and revalidation requests. */
  env: NodeJS.ProcessEnv;
  seedSeconds: number;
  startSeconds: number;
  /** .next/BUILD_ID when the server started. */
  buildIdAtStart: string;
  /** .next/BUILD_ID now. */
  buildId: () => Promise<string>;
  /** Stops the server (its process group), keeping the data directory. */
  stop: () => Promise<void>;
  /** Stops the server and removes the data directory (also registered with onCleanup). */
  cleanup: () => Promise<void>;
  tail: (lines?: number) => Promise<string>;
}

/**
 * `next start` on `port` over a freshly seeded demo database (PGlite in a temporary DATA_DIR,
 * seeded by scripts/seed.ts), once /api/health answers. Uses the production build in root/.next
 * as it is; never builds.
 */
export async function startProductionServer(options: ServerOptions): Promise<ProductionServer> {
  const { root, log } = options;
  const port = options.port ?? HTTP_PORT;
  if (FORBIDDEN_PORTS.has(port)) throw new Error("port reserved for others");
  if (await portInUse(port)) throw new Error(`port ${port} is already in use: is another run still going?`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), options.dataDirPrefix ?? "kn-bench-docs-http-"));
  let server: ChildProcess | null = null;
  const stopServer = async () => {
    const proc = server;
    server = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null || proc.pid === undefined) return;
    const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
    // The server was started in a process group of its own: end that group (next start and any
    // worker it forked), by its id, and nothing else.
    try {
      process.kill(-proc.pid, "SIGTERM");
    } catch {
      proc.kill("SIGTERM");
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-proc.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, 5000);
    await exited;
    clearTimeout(timer);
  };
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await stopServer();
    await rm(dataDir, { recursive: true, force: true });
  };
  options.onCleanup(cleanup);
  const logFile = path.join(dataDir, "server.log");
  const buildId = () => readFile(path.join(root, ".next", "BUILD_ID"), "utf8").then((id) => id.trim(), () => "?");
  // The app's environment for PGlite in DATA_DIR; DATABASE_URL cleared so nothing reaches a server.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    NODE_ENV: "production",
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: randomBytes(32).toString("base64"),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  try {
    let t = performance.now();
    log(`  seeding the demo organisation into ${dataDir} (npx tsx scripts/seed.ts)`);
    await run("npx", ["tsx", "scripts/seed.ts"], { cwd: root, env, logFile });
    const seedSeconds = (performance.now() - t) / 1000;
    if (options.beforeStart) await options.beforeStart(dataDir);
    log(`  seeded in ${seedSeconds.toFixed(1)} s; starting next start -p ${port}`);

    t = performance.now();
    const buildIdAtStart = await buildId();
    const out = createWriteStream(logFile, { flags: "a" });
    const profileDir = options.cpuProfileDir?.(dataDir);
    const nodeFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    const proc = spawn(process.execPath, [...nodeFlags, path.join(root, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    server = proc;
    proc.stdout!.pipe(out, { end: false });
    proc.stderr!.pipe(out, { end: false });
    const base = `http://127.0.0.1:${port}`;
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`next start ended early:\n${await tail(logFile)}`);
      if ((performance.now() - t) / 1000 > 120) throw new Error(`no healthy answer from ${base}/api/health within 120 s:\n${await tail(logFile)}`);
      try {
        const response = await fetch(`${base}/api/health`);
        if (response.ok) break;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const startSeconds = (performance.now() - t) / 1000;
    log(`  healthy after ${startSeconds.toFixed(1)} s (server pid ${proc.pid})`);
    return { base, port, pid: proc.pid!, dataDir, logFile, env, seedSeconds, startSeconds, buildIdAtStart, buildId, stop: stopServer, cleanup, tail: (lines) => tail(logFile, lines) };
  } catch (error) {
    const logTail = await tail(logFile);
    if (logTail) log(`  server/seed log (last lines):\n${logTail}`);
    await cleanup();
    throw error;
  }
}

export async function httpBench(options: HttpOptions): Promise<HttpReport> {
  const { root, log } = options;
  const server = await startProductionServer({
    root,
    log,
    onCleanup: options.onCleanup,
    cpuProfileDir: options.profile ? (dir) => path.join(dir, "profile") : undefined,
  });
  const { base, dataDir, env, seedSeconds, startSeconds, logFile, cleanup, buildId } = server;
  const stopServer = server.stop;
  const profileDir = path.join(dataDir, "profile");
  try {
    const buildBefore = server.buildIdAtStart;
    const sitemap = await (await fetch(`${base}/sitemap.xml`)).text();
    const ids = [...sitemap.matchAll(/\/van-ban\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g)].map((m) => m[1]!);
    if (ids.length === 0) throw new Error(`no /van-ban/<id> in /sitemap.xml:\n${sitemap.slice(0, 500)}`);
    const documentId = ids[0]!;
    const page = `/van-ban/${documentId}`;
    // Warm: the page's data cache entry, the list, and the JIT.
    for (const p of [page, "/van-ban", "/api/health", "/emblem.svg"]) {
      for (let i = 0; i < 30; i++) {
        const response = await fetch(`${base}${p}`);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${p} answered ${response.status} while warming`);
      }
    }
    const probe = await fetch(`${base}${page}`);
    await probe.arrayBuffer();
    const pageCache = probe.headers.get("x-nextjs-cache") ?? "(no x-nextjs-cache header)";
    const pageCsp = probe.headers.get("content-security-policy") ?? "(none)";
    log(`  ${ids.length} documents in the sitemap; warmed ${page} (x-nextjs-cache: ${pageCache})`);

    const single = [await sequential(base, page, 100), await sequential(base, "/van-ban", 50), await sequential(base, "/api/health", 100)];
    const loadBefore = os.loadavg()[0]!;
    const cpuBefore = await cpuSeconds(server.pid);
    const results: LoadResult[] = [];
    const targets: [string, string, "GET" | "POST"][] = [
      ["document page", page, "GET"],
      ["its view beacon (POST)", `/api/van-ban/${documentId}/luot-xem`, "POST"],
      ["library list", "/van-ban", "GET"],
      ["/api/health (select 1)", "/api/health", "GET"],
      ["static file", "/emblem.svg", "GET"],
    ];
    let serverCpu: number | null = null;
    for (const [label, p, method] of options.profile ? targets.slice(0, 1) : targets) {
      log(`  autocannon ${options.connections} connections × ${options.seconds} s → ${method} ${p}`);
      const r = await load(base, label, p, options.connections, options.seconds, method);
      results.push(r);
      log(`    ${Math.round(r.requestsPerSecond)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}`);
      if (label === "document page" && cpuBefore !== null) {
        const after = await cpuSeconds(server.pid);
        serverCpu = after === null ? null : after - cpuBefore;
      }
    }
    const loadAfter = os.loadavg()[0]!;
    const buildAfter = await buildId();
    const serverLog = await tail(logFile, 15);
    // Stop the server: its profile is written on exit, and its database is free for the pieces.
    const stopping = performance.now();
    await stopServer();
    const shutdownMicros = (performance.now() - stopping) * 1000;
    let profile: HttpReport["profile"] = null;
    if (options.profile) {
      const [file] = (await readdir(profileDir).catch(() => [] as string[])).filter((f) => f.endsWith(".cpuprofile"));
      if (file) {
        const { endTime } = JSON.parse(await readFile(path.join(profileDir, file), "utf8")) as CpuProfile;
        // The page run ended when the shutdown began; half a second off each end.
        const to = endTime - shutdownMicros - 500_000;
        profile = await profileCategories(path.join(profileDir, file), root, to - (options.seconds - 1) * 1e6, to);
      } else log(`  no CPU profile was written (${profileDir})`);
    }
    log(`  measuring the page's pieces alone on the server's database`);
    const pieces = await measurePieces(dataDir, documentId, env.APP_URL!);
    return {
      seedSeconds,
      startSeconds,
      documentId,
      documentsInSitemap: ids.length,
      pageCache,
      pageCsp,
      connections: options.connections,
      seconds: options.seconds,
      results,
      single,
      serverCpuSeconds: serverCpu,
      pieces,
      profile,
      loadAverage: { before: loadBefore, after: loadAfter },
      buildId: { before: buildBefore, after: buildAfter },
      serverLog,
    };
  } catch (error) {
    const logTail = await tail(logFile);
    if (logTail) log(`  server/seed log (last lines):\n${logTail}`);
    throw error;
  } finally {
    await cleanup();
  }
}
