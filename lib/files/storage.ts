import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
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

let cached: { key: string; storage: FileStorage } | undefined;

/** The configured storage (re-read when the configuration changes, as tests do). */
export function getFileStorage(): FileStorage {
  const e = env();
  const key = `local:${e.DATA_DIR}`;
  if (cached?.key !== key) cached = { key, storage: new LocalFileStorage(path.resolve(e.DATA_DIR, "files")) };
  return cached.storage;
}
