import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalFileStorage, S3FileStorage, sha256Hex, type FileStorage } from "@/lib/files/storage";

/**
 * Both storages behave the same: content-addressed, written once, absent files are null. The S3
 * one talks HTTP to a small S3-shaped server here (path-style bucket, signed requests); no real
 * object store is reachable from the test machine.
 */

const objects = new Map<string, Buffer>();
const seen: { method: string; url: string; authorization: string; amzDate: string; contentSha: string }[] = [];
let server: Server;
let endpoint: string;
let dir: string;

const body = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
  });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kn-files-"));
  server = createServer(async (req, res) => {
    const data = await body(req);
    seen.push({
      method: req.method!,
      url: req.url!,
      authorization: String(req.headers.authorization ?? ""),
      amzDate: String(req.headers["x-amz-date"] ?? ""),
      contentSha: String(req.headers["x-amz-content-sha256"] ?? ""),
    });
    if (!String(req.headers.authorization ?? "").startsWith("AWS4-HMAC-SHA256 Credential=KEYID/")) {
      res.writeHead(403).end();
      return;
    }
    const key = req.url!;
    if (req.method === "PUT") {
      if (createHash("sha256").update(data).digest("hex") !== req.headers["x-amz-content-sha256"]) return void res.writeHead(400).end();
      objects.set(key, data);
      return void res.writeHead(200).end();
    }
    const stored = objects.get(key);
    if (!stored) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Length": stored.length });
    res.end(req.method === "HEAD" ? undefined : stored);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const storages: [string, () => FileStorage][] = [
  ["local disk", () => new LocalFileStorage(dir)],
  ["S3-compatible", () => new S3FileStorage({ endpoint, bucket: "ket-noi", region: "ap-southeast-1", accessKeyId: "KEYID", secretAccessKey: "SECRET", prefix: "files/" })],
];

describe.each(storages)("%s storage", (_name, make) => {
  it("stores by SHA-256, reads back the same bytes, and says null for an absent file", async () => {
    const storage = make();
    const bytes = new TextEncoder().encode(`Tệp thử ${_name}`);
    const { sha256, size } = await storage.put(bytes);
    expect(sha256).toBe(sha256Hex(bytes));
    expect(size).toBe(bytes.length);
    expect(await storage.has(sha256)).toBe(true);
    expect(Buffer.from((await storage.get(sha256))!).toString()).toBe(`Tệp thử ${_name}`);
    const absent = sha256Hex(new TextEncoder().encode("không có"));
    expect(await storage.get(absent)).toBeNull();
    expect(await storage.has(absent)).toBe(false);
    await expect(storage.get("../../etc/passwd")).rejects.toThrow();
  });
});

describe("S3 requests", () => {
  it("are path-style, signed with SigV4 for the region, and a stored file is not sent twice", async () => {
    seen.length = 0;
    const storage = storages[1]![1]();
    const bytes = new TextEncoder().encode("một lần thôi");
    const { sha256 } = await storage.put(bytes);
    await storage.put(bytes);
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([`HEAD /ket-noi/files/${sha256}`, `PUT /ket-noi/files/${sha256}`, `HEAD /ket-noi/files/${sha256}`]);
    expect(seen[1]!.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=KEYID\/\d{8}\/ap-southeast-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/);
    expect(seen[1]!.contentSha).toBe(sha256);
    expect(seen[1]!.amzDate).toMatch(/^\d{8}T\d{6}Z$/);
  });
});
