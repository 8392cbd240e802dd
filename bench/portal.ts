/**
 * Portal figures against the targets of issue 5, on `next start -p 3378` over a freshly seeded demo
 * database (bench/documents-http.ts startProductionServer: PGlite in a temporary DATA_DIR):
 * 1. the home and article pages are cached and revalidated on publish: each public page's cache
 *    headers over three visits; an editor (bientap) signs in and saves a new title for a published
 *    article through POST /api/tin-bai/<id>, and the article page, the home page, the news list and
 *    the category page must show it on the very next request; then a cached article page under
 *    autocannon (≥ 1,000 requests/s), with the home and category pages for comparison;
 * 2. first-load JavaScript of every public page ≤ 100 KB compressed: the <script src="/_next/…">
 *    of each page's HTML fetched and compressed here (gzip and brotli, node:zlib), beside the same
 *    measure of an empty Next.js app built with the same versions (bench/first-load-js.ts);
 * 3. Lighthouse performance and accessibility ≥ 90 on the home, a category and an article page,
 *    mobile (Lighthouse's default) and desktop, in the system Chromium.
 *
 * Run: npm run bench:portal [-- flags]
 *   needs a production build (.next/BUILD_ID), as bench:documents does, and says so when the
 *   sources changed after it; it builds only when asked:
 *   --build          `next build` first when .next is missing or older than the sources
 *   --no-load        no autocannon runs      --no-lighthouse   no Lighthouse
 *   --mobile-only    Lighthouse mobile only (default: mobile and desktop)
 *   --no-floor       no build of an empty Next.js app to print the framework's own first-load JS
 *   BENCH_HTTP_SECONDS (20), BENCH_HTTP_CONNECTIONS (10), CHROME_PATH (/usr/bin/chromium),
 *   BENCH_LIGHTHOUSE_RUNS (3: each page and form factor is run that many times, the median printed)
 */
import { execFileSync, spawn } from "node:child_process";
import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { compress, emptyAppFloor, type Floor, scriptSources, type Sizes } from "./first-load-js";
import { buildExists, cpuSeconds, load, type LoadResult, type ProductionServer, sequential, startProductionServer } from "./documents-http";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PORT = 3378;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 10);
const CHROMIUM = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"];
const ARTICLE_TARGET_RPS = 1000;
const FIRST_LOAD_TARGET_KB = 100;
const LIGHTHOUSE_TARGET = 90;
const LIGHTHOUSE_RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
/** The article the issue names; the newest published one if the demo no longer has it. */
const PREFERRED_ARTICLE = "hoi-vien-phuong-ba-dinh-ra-quan-lam-sach-duong-pho";
const EDITOR = "bientap";

// ---------------------------------------------------------------------------------------------
// Clean-ups that run at the end, on failure and on Ctrl-C

const cleanups: (() => Promise<void>)[] = [];
async function runCleanups() {
  while (cleanups.length > 0) await cleanups.pop()!().catch((error: unknown) => console.error(`clean-up failed: ${String(error)}`));
}
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

const log = (line: string) => console.log(line);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const n = (x: number) => Math.round(x).toLocaleString("en");
const verdict = (ok: boolean) => (ok ? "OK" : "OVER");
const ratio = (x: number, target: number) => `${(x / target).toFixed(2)}×`;

// ---------------------------------------------------------------------------------------------
// The build

/** Source files changed after .next/BUILD_ID was written (those a build reads). */
function changedSinceBuild(root: string): string[] {
  const built = statSync(path.join(root, ".next", "BUILD_ID")).mtimeMs;
  let files: string[];
  try {
    const listed = execFileSync(
      "git",
      ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "app", "components", "lib", "db", "public", "proxy.ts", "instrumentation.ts", "next.config.ts", "package.json", "package-lock.json", "tsconfig.json", "postcss.config.mjs"],
      { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
    );
    files = listed.split("\0").filter(Boolean);
  } catch {
    return []; // not a git checkout: cannot tell
  }
  return files.filter((f) => {
    try {
      return statSync(path.join(root, f)).mtimeMs > built;
    } catch {
      return false; // deleted
    }
  });
}

function nextBuild(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    proc.on("error", reject);
    proc.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}

/** The build to run, or null (with the reason printed) when there is none. */
async function ensureBuild(build: boolean): Promise<string | null> {
  const missing = !buildExists(ROOT);
  const changed = missing ? [] : changedSinceBuild(ROOT);
  if (build && (missing || changed.length > 0)) {
    log(missing ? "no production build: running next build" : `${changed.length} source files changed since the build (${changed.slice(0, 3).join(", ")}…): running next build`);
    await nextBuild(ROOT);
    return null;
  }
  if (missing) {
    log("no production build (.next/BUILD_ID): run `npm run build` first, or pass --build (the bench never builds unless asked: others may be building in this checkout)");
    return "no production build";
  }
  if (changed.length > 0) {
    log(`WARNING: ${changed.length} source file${changed.length === 1 ? "" : "s"} changed after the build (${changed.slice(0, 3).join(", ")}${changed.length > 3 ? ", …" : ""}): the figures are of the older build; --build rebuilds`);
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// What the pages show: read from the seeded database before the server opens it

interface Subjects {
  article: { id: string; slug: string; unitId: string; categoryId: string; title: string; summary: string; bodyHtml: string; tags: string[]; featured: boolean; version: number };
  /** The article's top-level category: its page lists the sub-categories' stories too. */
  categorySlug: string;
  documentId: string;
  publishedArticles: number;
}

async function readSubjects(dataDir: string): Promise<Subjects> {
  const { openDatabase } = await import("@/lib/db/open");
  const { articleCategories, articles } = await import("@/db/schema");
  const { recentPublicDocuments } = await import("@/lib/documents/public");
  const { and, count, desc, eq } = await import("drizzle-orm");
  const handle = await openDatabase({ dataDir, migrate: false });
  try {
    const { db } = handle;
    const fields = {
      id: articles.id,
      slug: articles.slug,
      unitId: articles.unitId,
      categoryId: articles.categoryId,
      title: articles.title,
      summary: articles.summary,
      bodyHtml: articles.bodyHtml,
      tags: articles.tags,
      featured: articles.featured,
      version: articles.version,
    };
    const published = eq(articles.status, "published");
    const [article] = (await db.select(fields).from(articles).where(and(published, eq(articles.slug, PREFERRED_ARTICLE))).limit(1)).concat(
      await db.select(fields).from(articles).where(published).orderBy(desc(articles.publishedAt)).limit(1),
    );
    if (!article) throw new Error("the demo database has no published article");
    const [category] = await db.select({ slug: articleCategories.slug, parentId: articleCategories.parentId }).from(articleCategories).where(eq(articleCategories.id, article.categoryId));
    const [parent] = category?.parentId ? await db.select({ slug: articleCategories.slug }).from(articleCategories).where(eq(articleCategories.id, category.parentId)) : [];
    const [doc] = await recentPublicDocuments(db, 1);
    if (!doc) throw new Error("the demo database has no published public document");
    const [{ value: publishedArticles } = { value: 0 }] = await db.select({ value: count() }).from(articles).where(published);
    return { article, categorySlug: parent?.slug ?? category!.slug, documentId: doc.id, publishedArticles };
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// 1. Cached pages and revalidation on publish

interface Visit {
  status: number;
  cache: string;
  cacheControl: string;
}

async function visit(base: string, route: string, headers: Record<string, string> = {}): Promise<Visit & { html: string; ms: number }> {
  const t = performance.now();
  const response = await fetch(`${base}${route}`, { headers: { accept: "text/html", ...headers } });
  const html = await response.text();
  return {
    status: response.status,
    cache: response.headers.get("x-nextjs-cache") ?? "—",
    cacheControl: response.headers.get("cache-control") ?? "—",
    html,
    ms: performance.now() - t,
  };
}

/** A minimal cookie jar for next-auth's sign-in. */
class Cookies {
  private jar = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eqAt = pair!.indexOf("=");
      this.jar.set(pair!.slice(0, eqAt).trim(), pair!.slice(eqAt + 1).trim());
    }
  }
  has(name: string) {
    return this.jar.has(name);
  }
  header() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

/** Signs in through next-auth's credentials endpoint, as the sign-in form does. */
async function signIn(base: string, login: string, password: string): Promise<Cookies> {
  const cookies = new Cookies();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  cookies.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.header() },
    body: new URLSearchParams({ csrfToken, login, password, json: "true" }),
    redirect: "manual",
  });
  await response.arrayBuffer();
  cookies.take(response);
  if (!cookies.has("next-auth.session-token")) throw new Error(`sign-in of ${login} failed (${response.status} ${response.headers.get("location") ?? ""})`);
  return cookies;
}

interface Revalidation {
  newTitle: string;
  beforeCache: string;
  publishMs: number;
  publishStatus: number;
  /** The first request of each page after the save: did it show the new title, and how was it served? */
  after: { route: string; shows: boolean; cache: string; ms: number }[];
  /** The article page's second request after the save. */
  again: { shows: boolean; cache: string; ms: number };
}

async function revalidationOnPublish(base: string, s: Subjects, routes: { article: string; category: string }): Promise<Revalidation> {
  const { DEMO_PASSWORD } = await import("@/db/seed/accounts");
  const before = await visit(base, routes.article);
  const cookies = await signIn(base, EDITOR, DEMO_PASSWORD);
  const a = s.article;
  const newTitle = `${a.title} (cập nhật ${new Date().toISOString().slice(11, 19)})`;
  const form = new FormData();
  for (const [k, v] of Object.entries({ unitId: a.unitId, categoryId: a.categoryId, title: newTitle, summary: a.summary, bodyHtml: a.bodyHtml, tags: a.tags.join(", "), featured: String(a.featured), version: String(a.version) })) form.set(k, v);
  const t = performance.now();
  const response = await fetch(`${base}/api/tin-bai/${a.id}`, { method: "POST", headers: { cookie: cookies.header(), origin: base }, body: form });
  const answer = (await response.json().catch(() => ({}))) as { ok?: boolean; message?: string };
  const publishMs = performance.now() - t;
  if (!response.ok || !answer.ok) throw new Error(`saving the article answered ${response.status}: ${JSON.stringify(answer)}`);
  // Titles are HTML-escaped in the page; the new one has no characters that escaping changes.
  const after: Revalidation["after"] = [];
  for (const route of [routes.article, "/", "/tin-tuc", routes.category]) {
    const v = await visit(base, route);
    after.push({ route, shows: v.html.includes(newTitle), cache: v.cache, ms: v.ms });
  }
  const again = await visit(base, routes.article);
  return { newTitle, beforeCache: before.cache, publishMs, publishStatus: response.status, after, again: { shows: again.html.includes(newTitle), cache: again.cache, ms: again.ms } };
}

// ---------------------------------------------------------------------------------------------
// 2. First-load JavaScript

interface RouteJs {
  route: string;
  status: number;
  scripts: string[];
  js: Sizes;
  html: Sizes;
}


async function firstLoadJs(base: string, routes: string[]) {
  const chunks = new Map<string, Sizes>();
  const result: RouteJs[] = [];
  for (const route of routes) {
    const response = await fetch(`${base}${route}`, { headers: { accept: "text/html" } });
    const html = Buffer.from(await response.arrayBuffer());
    const scripts = scriptSources(html.toString("utf8"));
    const js: Sizes = { raw: 0, gzip: 0, brotli: 0 };
    for (const src of scripts) {
      let sizes = chunks.get(src);
      if (!sizes) {
        const chunk = await fetch(`${base}${src}`);
        if (!chunk.ok) throw new Error(`${src} (from ${route}) answered ${chunk.status}`);
        sizes = compress(Buffer.from(await chunk.arrayBuffer()));
        chunks.set(src, sizes);
      }
      js.raw += sizes.raw;
      js.gzip += sizes.gzip;
      js.brotli += sizes.brotli;
    }
    result.push({ route, status: response.status, scripts, js, html: compress(html) });
  }
  return { routes: result, chunks };
}

// ---------------------------------------------------------------------------------------------
// 3. Lighthouse

interface LighthouseRun {
  page: string;
  route: string;
  formFactor: "mobile" | "desktop";
  performance: number | null;
  accessibility: number | null;
  metrics: Record<string, string>;
  failing: { category: string; id: string; title: string; score: number; display: string; node: string | null }[];
  error: string | null;
  benchmarkIndex: number | null;
  seconds: number;
  /** The performance scores of every run of this page and form factor (this one is their median). */
  performanceRuns: (number | null)[];
}

/** The first element an audit's details name (its HTML snippet), e.g. the LCP element or a heading out of order. */
function firstNode(details: unknown): string | null {
  if (!details || typeof details !== "object") return null;
  const o = details as Record<string, unknown>;
  if (o.type === "node" && typeof o.snippet === "string") return o.snippet;
  for (const value of Object.values(o)) {
    const found = Array.isArray(value) ? value.map(firstNode).find(Boolean) : firstNode(value);
    if (found) return found;
  }
  return null;
}

async function lighthouseRuns(base: string, pages: [string, string][], formFactors: ("mobile" | "desktop")[]): Promise<LighthouseRun[]> {
  const { default: lighthouse } = await import("lighthouse");
  const { default: desktopConfig } = await import("lighthouse/core/config/desktop-config.js");
  const { launch } = await import("chrome-launcher");
  log(`  launching ${CHROMIUM} ${CHROMIUM_FLAGS.join(" ")}`);
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_FLAGS, logLevel: "error" });
  let killed = false;
  const kill = async () => {
    if (killed) return;
    killed = true;
    chrome.kill(); // the Chromium this run launched, by its pid
  };
  cleanups.push(kill);
  const once = async (formFactor: "mobile" | "desktop", page: string, route: string): Promise<LighthouseRun> => {
    const t = performance.now();
    const result = await lighthouse(
      `${base}${route}`,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
      formFactor === "desktop" ? desktopConfig : undefined,
    );
    const seconds = (performance.now() - t) / 1000;
    const lhr = result?.lhr;
    if (!lhr) return { page, route, formFactor, performance: null, accessibility: null, metrics: {}, failing: [], error: "no result", benchmarkIndex: null, seconds, performanceRuns: [] };
    const score = (id: string) => (lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id]!.score! * 100));
    const metric = (id: string) => lhr.audits[id]?.displayValue ?? "—";
    const failing: LighthouseRun["failing"] = [];
    for (const category of ["performance", "accessibility"]) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.score === null || audit.score >= 0.9) continue;
        if (["notApplicable", "informative", "manual", "error"].includes(audit.scoreDisplayMode)) continue;
        failing.push({ category, id: audit.id, title: audit.title, score: audit.score, display: audit.displayValue ?? "", node: firstNode(audit.details) });
      }
    }
    return {
      page,
      route,
      formFactor,
      performance: score("performance"),
      accessibility: score("accessibility"),
      metrics: {
        FCP: metric("first-contentful-paint"),
        LCP: metric("largest-contentful-paint"),
        TBT: metric("total-blocking-time"),
        CLS: metric("cumulative-layout-shift"),
        SI: metric("speed-index"),
      },
      failing,
      error: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : null,
      benchmarkIndex: lhr.environment?.benchmarkIndex ?? null,
      seconds,
      performanceRuns: [],
    };
  };
  const runs: LighthouseRun[] = [];
  try {
    for (const formFactor of formFactors) {
      for (const [page, route] of pages) {
        const each: LighthouseRun[] = [];
        for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
          const run = await once(formFactor, page, route);
          each.push(run);
          log(`  ${formFactor.padEnd(7)} ${page.padEnd(9)} performance ${run.performance ?? "—"}, accessibility ${run.accessibility ?? "—"} (${run.seconds.toFixed(0)} s${run.error ? `; ${run.error}` : ""})`);
        }
        // The median run by performance score, as Lighthouse's own guidance on variability advises.
        const sorted = [...each].sort((a, b) => (a.performance ?? -1) - (b.performance ?? -1));
        runs.push({ ...sorted[Math.floor((sorted.length - 1) / 2)]!, performanceRuns: each.map((r) => r.performance) });
      }
    }
  } finally {
    await kill();
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = new Set(process.argv.slice(2));
  console.log(`portal bench (${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)})`);
  const noBuild = await ensureBuild(args.has("--build"));
  if (noBuild) {
    process.exitCode = 1;
    return;
  }
  const targets: string[] = [];
  let subjects: Subjects | null = null;
  const server: ProductionServer = await startProductionServer({
    root: ROOT,
    log,
    port: PORT,
    dataDirPrefix: "kn-bench-portal-",
    onCleanup: (fn) => cleanups.push(fn),
    beforeStart: async (dataDir) => {
      subjects = await readSubjects(dataDir);
    },
  });
  const s = subjects as unknown as Subjects;
  const { base } = server;
  const article = `/tin-tuc/${s.article.slug}`;
  const category = `/chuyen-muc/${s.categorySlug}`;
  const routes = ["/", "/tin-tuc", article, category, "/gioi-thieu/gioi-thieu", "/van-ban", `/van-ban/${s.documentId}`, "/an-pham", "/thu-vien", "/to-chuc", "/xac-thuc"];
  const short = (route: string) => route.replace(s.documentId, "<id>");
  console.log(`  build ${server.buildIdAtStart}; ${s.publishedArticles} published articles; article ${article}, category ${category}`);

  // 1. Cache headers over three visits, before anything else has visited.
  console.log(`\n── 1. Caching: each public page visited three times in a row (x-nextjs-cache; — = rendered per request)`);
  console.log(`  ${"route".padEnd(62)} ${"status".padStart(6)}  ${"1st".padEnd(6)} ${"2nd".padEnd(6)} ${"3rd".padEnd(6)} Cache-Control (3rd)`);
  const cacheOf = new Map<string, string>();
  for (const route of routes) {
    const visits = [await visit(base, route), await visit(base, route), await visit(base, route)];
    cacheOf.set(route, visits[2]!.cache);
    console.log(`  ${short(route).padEnd(62)} ${String(visits[2]!.status).padStart(6)}  ${visits.map((v) => v.cache.padEnd(6)).join(" ")} ${visits[2]!.cacheControl}`);
    if (visits.some((v) => v.status !== 200)) targets.push(`FAILED ${route} answered ${visits.map((v) => v.status).join("/")}`);
    // A fresh database has fresh ids: an article page naming another id was rendered by an earlier server.
    if (route === article && !visits[0]!.html.includes(s.article.id)) {
      console.log(
        `    NOTE: its first answer names another article id (its view beacon's): a page rendered by an earlier server on another database, kept by Next in ${path.join(".next", "server", "route-cache")} across restarts (the publish below replaces it)`,
      );
    }
  }

  console.log(`\n── Revalidation on publish: ${EDITOR} signs in and saves a new title for the published article through POST /api/tin-bai/<id>`);
  let revalidated = false;
  try {
    const r = await revalidationOnPublish(base, s, { article, category });
    console.log(`  before: ${article} x-nextjs-cache ${r.beforeCache}; saved in ${ms(r.publishMs)} (${r.publishStatus}); new title “${r.newTitle}”`);
    for (const a of r.after) console.log(`  next request ${short(a.route).padEnd(62)} shows the new title: ${a.shows ? "yes" : "NO "}  x-nextjs-cache ${a.cache.padEnd(6)} ${ms(a.ms)}`);
    console.log(`  and again    ${article.padEnd(62)} shows the new title: ${r.again.shows ? "yes" : "NO "}  x-nextjs-cache ${r.again.cache.padEnd(6)} ${ms(r.again.ms)}`);
    revalidated = r.after.every((a) => a.shows) && r.again.shows;
  } catch (error) {
    console.log(`  FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
  const cached = cacheOf.get(article) === "HIT" && cacheOf.get("/") === "HIT";
  targets.push(
    `[cache] article and home pages served from the cache on repeat visits (x-nextjs-cache ${cacheOf.get(article)}, ${cacheOf.get("/")}); a published change shows on the next request of the article, home, news and category pages: ${revalidated ? "yes" : "NO"} ${verdict(cached && revalidated)}`,
  );

  // 2. First-load JavaScript.
  console.log(`\n── 2. First-load JavaScript: the <script src="/_next/…"> of each page's HTML, compressed here (gzip level 6, brotli quality 11)`);
  const js = await firstLoadJs(base, routes);
  console.log(`  ${"route".padEnd(62)} ${"scripts".padStart(7)} ${"raw".padStart(9)} ${"gzip".padStart(9)} ${"brotli".padStart(9)} ${"gzip/100 KB".padStart(11)}    ${"br/100 KB".padStart(9)} ${"HTML gzip".padStart(9)}`);
  for (const r of js.routes) {
    console.log(
      `  ${short(r.route).padEnd(62)} ${String(r.scripts.length).padStart(7)} ${kb(r.js.raw).padStart(9)} ${kb(r.js.gzip).padStart(9)} ${kb(r.js.brotli).padStart(9)} ${ratio(r.js.gzip / 1024, FIRST_LOAD_TARGET_KB).padStart(11)} ${verdict(r.js.gzip / 1024 <= FIRST_LOAD_TARGET_KB).padEnd(4)} ${ratio(r.js.brotli / 1024, FIRST_LOAD_TARGET_KB).padStart(9)} ${kb(r.html.gzip).padStart(9)}`,
    );
  }
  const shared = [...js.chunks].map(([src, sizes]) => ({ src, sizes, pages: js.routes.filter((r) => r.scripts.includes(src)).length })).sort((a, b) => b.sizes.gzip - a.sizes.gzip);
  console.log(`  the largest of the ${shared.length} scripts (gzip, pages loading it):`);
  for (const c of shared.slice(0, 8)) console.log(`    ${kb(c.sizes.gzip).padStart(9)}  ${String(c.pages).padStart(2)}/${js.routes.length}  ${c.src}`);
  const heaviest = [...js.routes].sort((a, b) => b.js.gzip - a.js.gzip)[0]!;
  let floor: Floor | null = null;
  if (!args.has("--no-floor")) {
    try {
      floor = await emptyAppFloor(ROOT);
      console.log(
        `  the floor: an empty App Router app (a layout and a page, no client component) built here with ${floor.versions} in ${floor.buildSeconds.toFixed(0)} s: ${floor.scripts} scripts, ${kb(floor.js.gzip)} gzip = ${ratio(floor.js.gzip / 1024, FIRST_LOAD_TARGET_KB)}, ${kb(floor.js.brotli)} brotli = ${ratio(floor.js.brotli / 1024, FIRST_LOAD_TARGET_KB)}`,
      );
      console.log(`  the heaviest page ${short(heaviest.route)} over that floor: ${kb(heaviest.js.gzip - floor.js.gzip)} gzip, ${kb(heaviest.js.brotli - floor.js.brotli)} brotli`);
    } catch (error) {
      console.log(`  the floor: FAILED ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  targets.push(
    `[first-load JS] heaviest public page ${short(heaviest.route)} ${kb(heaviest.js.gzip)} gzip / ${FIRST_LOAD_TARGET_KB} KB = ${ratio(heaviest.js.gzip / 1024, FIRST_LOAD_TARGET_KB)} (${kb(heaviest.js.brotli)} brotli = ${ratio(heaviest.js.brotli / 1024, FIRST_LOAD_TARGET_KB)}); ${js.routes.filter((r) => r.js.gzip / 1024 <= FIRST_LOAD_TARGET_KB).length}/${js.routes.length} pages within ${verdict(js.routes.every((r) => r.js.gzip / 1024 <= FIRST_LOAD_TARGET_KB))}${floor ? `; an empty Next.js app's floor is ${kb(floor.js.gzip)} gzip (${ratio(floor.js.gzip / 1024, FIRST_LOAD_TARGET_KB)}), the page adds ${kb(heaviest.js.gzip - floor.js.gzip)}` : ""}`,
  );

  // 3. Lighthouse.
  if (!args.has("--no-lighthouse")) {
    const formFactors: ("mobile" | "desktop")[] = args.has("--mobile-only") ? ["mobile"] : ["mobile", "desktop"];
    console.log(`\n── 3. Lighthouse (performance, accessibility; ${formFactors.join(" and ")}; simulated throttling, Lighthouse's default)`);
    const pages: [string, string][] = [["home", "/"], ["category", category], ["article", article]];
    try {
      const runs = await lighthouseRuns(base, pages, formFactors);
      console.log(`  median of ${LIGHTHOUSE_RUNS} run${LIGHTHOUSE_RUNS === 1 ? "" : "s"} by performance score (the scores of all runs in brackets):`);
      console.log(`  ${"".padEnd(18)} ${"perf".padStart(5)} ${"(runs)".padEnd(12)} ${"a11y".padStart(5)}  ${"FCP".padStart(7)} ${"LCP".padStart(7)} ${"TBT".padStart(7)} ${"CLS".padStart(6)} ${"SI".padStart(7)}  CPU benchmark`);
      for (const r of runs) {
        console.log(
          `  ${`${r.formFactor} ${r.page}`.padEnd(18)} ${String(r.performance ?? "—").padStart(5)} ${`(${r.performanceRuns.map((x) => x ?? "—").join(", ")})`.padEnd(12)} ${String(r.accessibility ?? "—").padStart(5)}  ${r.metrics.FCP!.padStart(7)} ${r.metrics.LCP!.padStart(7)} ${r.metrics.TBT!.padStart(7)} ${r.metrics.CLS!.padStart(6)} ${r.metrics.SI!.padStart(7)}  ${r.benchmarkIndex ?? "—"}${r.error ? `  ${r.error}` : ""}`,
        );
      }
      const failing = new Map<string, { category: string; title: string; runs: string[]; display: string; node: string | null }>();
      for (const r of runs) {
        for (const f of r.failing) {
          const entry = failing.get(f.id) ?? { category: f.category, title: f.title, runs: [], display: f.display, node: f.node };
          entry.runs.push(`${r.formFactor} ${r.page}`);
          failing.set(f.id, entry);
        }
      }
      console.log(`  audits scoring under 0.9 (runs failing it):`);
      if (failing.size === 0) console.log(`    none`);
      for (const [id, f] of [...failing].sort((a, b) => b[1].runs.length - a[1].runs.length)) {
        console.log(`    ${f.category.padEnd(13)} ${id} — ${f.title}${f.display ? ` (${f.display})` : ""}: ${f.runs.length === runs.length ? "all" : f.runs.join(", ")}`);
        if (f.node) console.log(`    ${"".padEnd(13)}   e.g. ${f.node.replace(/\s+/g, " ").slice(0, 140)}`);
      }
      for (const r of runs) {
        for (const [label, value] of [["performance", r.performance], ["accessibility", r.accessibility]] as const) {
          targets.push(`[Lighthouse] ${r.formFactor} ${r.page} ${label} ${value ?? "—"} / ${LIGHTHOUSE_TARGET} = ${value === null ? "—" : ratio(value, LIGHTHOUSE_TARGET)} ${verdict(value !== null && value >= LIGHTHOUSE_TARGET)}`);
        }
      }
    } catch (error) {
      console.log(`  FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      targets.push(`[Lighthouse] FAILED ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }

  // The cached article page under load (after Lighthouse, whose scores suffer from a busy machine).
  if (!args.has("--no-load")) {
    console.log(`\n── Load: autocannon ${CONNECTIONS} connections × ${SECONDS} s per page on loopback (client and server share the machine's ${os.cpus().length} cores)`);
    const single = [await sequential(base, article, 100), await sequential(base, category, 50), await sequential(base, "/", 50)];
    const loadBefore = os.loadavg()[0]!;
    const results: LoadResult[] = [];
    let serverCpu: number | null = null;
    for (const [label, route] of [["article page", article], ["category page", category], ["home page", "/"], ["static file", "/emblem.svg"]] as const) {
      const cpuBefore = await cpuSeconds(server.pid);
      const r = await load(base, label, route, CONNECTIONS, SECONDS);
      if (label === "article page" && cpuBefore !== null) serverCpu = ((await cpuSeconds(server.pid)) ?? cpuBefore) - cpuBefore;
      results.push(r);
      log(`  ${label.padEnd(14)} ${n(r.requestsPerSecond).padStart(6)} req/s (${n(r.minPerSecond)}–${n(r.maxPerSecond)}/s), p50 ${r.p50} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors + r.timeouts}, ${(r.bytesPerRequest / 1024).toFixed(1)} KB/req`);
    }
    const loadAfter = os.loadavg()[0]!;
    console.log(`  one request at a time: ${single.map((x) => `${short(x.path)} p50 ${ms(x.p50)} p95 ${ms(x.p95)}`).join(" · ")}`);
    if (serverCpu !== null) console.log(`  server CPU during the article run: ${serverCpu.toFixed(1)} s over ${SECONDS} s = ${(serverCpu / SECONDS).toFixed(2)} cores, ${ms((serverCpu * 1000) / Math.max(1, results[0]!.total))} per page`);
    console.log(`  machine load average ${loadBefore.toFixed(1)} before the runs, ${loadAfter.toFixed(1)} after (other work shares the cores)`);
    const page = results[0]!;
    targets.push(
      `[HTTP] cached article page ${n(page.requestsPerSecond)} req/s / ${ARTICLE_TARGET_RPS} req/s = ${ratio(page.requestsPerSecond, ARTICLE_TARGET_RPS)} (target ≥ ${ARTICLE_TARGET_RPS}; load average ${loadBefore.toFixed(1)}) ${verdict(page.requestsPerSecond >= ARTICLE_TARGET_RPS && page.non2xx === 0)}${page.non2xx > 0 ? ` — ${page.non2xx} non-2xx answers` : ""}`,
    );
  }

  const buildAfter = await server.buildId();
  if (buildAfter !== server.buildIdAtStart) console.log(`\nWARNING: .next was rebuilt during the run (now ${buildAfter}); the figures may mix two builds`);
  console.log(`\nTargets`);
  for (const line of targets) console.log(`  ${line}`);
  if (targets.some((line) => line.includes("FAILED"))) process.exitCode = 1;
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await runCleanups();
}
