/**
 * Measuring a page's first-load JavaScript (bench/portal.ts), and the floor under it: the same
 * measure taken of an empty Next.js app built here with the project's own next, react and
 * react-dom, so the printed figure says how much of a page's JavaScript is the framework's and how
 * much is ours.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { brotliCompressSync, gzipSync } from "node:zlib";

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export const compress = (buffer: Buffer): Sizes => ({ raw: buffer.length, gzip: gzipSync(buffer).length, brotli: brotliCompressSync(buffer).length });

/** The <script src> under /_next/ of a page's HTML, without nomodule ones (modern browsers skip them). */
export function scriptSources(html: string): string[] {
  const sources = new Set<string>();
  for (const [, attributes] of html.matchAll(/<script\b([^>]*)>/gi)) {
    const src = /\bsrc=(?:"([^"]*)"|'([^']*)')/i.exec(attributes!);
    const url = (src?.[1] ?? src?.[2] ?? "").replace(/&amp;/g, "&");
    if (url.startsWith("/_next/") && !/\bnomodule\b/i.test(attributes!)) sources.add(url);
  }
  return [...sources];
}

export interface Floor {
  versions: string;
  scripts: number;
  js: Sizes;
  buildSeconds: number;
}

// The smallest App Router page: a root layout and a page, no client component of its own.
const EMPTY_APP: Record<string, string> = {
  "package.json": JSON.stringify({ name: "empty-next-app", private: true }),
  "app/layout.jsx": 'export default function Layout({ children }) {\n  return <html lang="vi"><body>{children}</body></html>;\n}\n',
  "app/page.jsx": "export default function Page() {\n  return <main><h1>Trang trống</h1></main>;\n}\n",
};

/**
 * Builds the empty app in a temporary directory (node_modules hard-linked from the project, so
 * nothing is downloaded) and measures its prerendered home page as the portal's pages are measured.
 */
export async function emptyAppFloor(root: string): Promise<Floor> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "kn-bench-empty-next-"));
  try {
    for (const [file, text] of Object.entries(EMPTY_APP)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), text);
    }
    // Turbopack resolves packages only inside the app's own directory, so a symlink to the
    // project's node_modules is refused; hard links cost a second and no space.
    execFileSync("cp", ["-al", path.join(root, "node_modules"), path.join(dir, "node_modules")]);
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const build = spawn(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" }, stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      build.stdout.on("data", (d: Buffer) => (output += d.toString()));
      build.stderr.on("data", (d: Buffer) => (output += d.toString()));
      build.on("error", reject);
      build.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`next build of the empty app failed (${code}):\n${output.slice(-2000)}`))));
    });
    const buildSeconds = (performance.now() - started) / 1000;
    const html = await readFile(path.join(dir, ".next", "server", "app", "index.html"), "utf8");
    const scripts = scriptSources(html);
    const js: Sizes = { raw: 0, gzip: 0, brotli: 0 };
    for (const src of scripts) {
      const sizes = compress(await readFile(path.join(dir, ".next", src.replace(/^\/_next\//, "").split("?")[0]!)));
      js.raw += sizes.raw;
      js.gzip += sizes.gzip;
      js.brotli += sizes.brotli;
    }
    const version = async (name: string) => (JSON.parse(await readFile(path.join(root, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    return { versions: `next ${await version("next")}, react-dom ${await version("react-dom")}`, scripts: scripts.length, js, buildSeconds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
