import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { AwsClient } from "aws4fetch";
import { env } from "@/lib/env";

/**
 * Where files live: attachments, publications, photos, uploaded lists. Every file is addressed by
 * the SHA-256 of its bytes, so the same file stored twice is one file, and a stored file never
 * changes. Local disk under DATA_DIR by default; S3-compatible object storage when configured.
 */
export interface FileStorage {
  put(bytes: Uint8Array): Promise<{ sha256: string; size: number }>;
  get(sha256: string): Promise<Uint8Array | null>;
  has(sha256: string): Promise<boolean>;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

const SHA = /^[0-9a-f]{64}$/;

function assertSha(sha256: string) {
  if (!SHA.test(sha256)) throw new Error("invalid file address");
}

/** Files under <root>/<first two hex digits>/<sha256>: no directory grows too large. */
export class LocalFileStorage implements FileStorage {
  constructor(private readonly root: string) {}

  private pathOf(sha256: string) {
    assertSha(sha256);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(bytes: Uint8Array) {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    if (!(await this.has(sha256))) {
      await mkdir(path.dirname(target), { recursive: true });
      // Written beside it and renamed, so a reader never sees half a file.
      const partial = `${target}.${process.pid}.${Date.now()}.part`;
      await writeFile(partial, bytes);
      await rename(partial, target);
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string) {
    try {
      return new Uint8Array(await readFile(this.pathOf(sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async has(sha256: string) {
    return stat(this.pathOf(sha256)).then(
      () => true,
      () => false,
    );
  }
}

/**
 * S3-compatible object storage, path-style (<endpoint>/<bucket>/<prefix><sha256>), requests
 * signed with AWS Signature V4. Objects are written once: a file already there is not sent again.
 */
export class S3FileStorage implements FileStorage {
  private readonly client: AwsClient;

  constructor(private readonly options: { endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; prefix?: string }) {
    this.client = new AwsClient({ accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, region: options.region, service: "s3" });
  }

  private urlOf(sha256: string) {
    assertSha(sha256);
    return `${this.options.endpoint.replace(/\/$/, "")}/${encodeURIComponent(this.options.bucket)}/${this.options.prefix ?? ""}${sha256}`;
  }

  async put(bytes: Uint8Array) {
    const sha256 = sha256Hex(bytes);
    if (!(await this.has(sha256))) {
      const response = await this.client.fetch(this.urlOf(sha256), {
        method: "PUT",
        body: new Uint8Array(bytes),
        headers: { "Content-Type": "application/octet-stream", "x-amz-content-sha256": createHash("sha256").update(bytes).digest("hex") },
      });
      if (!response.ok) throw new Error(`S3 PUT failed: ${response.status}`);
    }
    return { sha256, size: bytes.length };
  }

  async get(sha256: string) {
    const response = await this.client.fetch(this.urlOf(sha256), { method: "GET" });
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`S3 GET failed: ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }

  async has(sha256: string) {
    const response = await this.client.fetch(this.urlOf(sha256), { method: "HEAD" });
    if (response.status === 404) return false;
    if (!response.ok) throw new Error(`S3 HEAD failed: ${response.status}`);
    return true;
  }
}

let cached: { key: string; storage: FileStorage } | undefined;

/** The configured storage (re-read when the configuration changes, as tests do). */
export function getFileStorage(): FileStorage {
  const e = env();
  const key = e.S3_ENDPOINT ? `s3:${e.S3_ENDPOINT}/${e.S3_BUCKET}/${e.S3_PREFIX}` : `local:${e.DATA_DIR}`;
  if (cached?.key !== key) {
    const storage: FileStorage = e.S3_ENDPOINT
      ? new S3FileStorage({
          endpoint: e.S3_ENDPOINT,
          bucket: e.S3_BUCKET!,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID!,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          prefix: e.S3_PREFIX,
        })
      : new LocalFileStorage(path.resolve(e.DATA_DIR, "files"));
    cached = { key, storage };
  }
  return cached.storage;
}
