import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/** Uploaded lists are kept as files named by their SHA-256 under DATA_DIR/imports. */
function importsDir() {
  return path.resolve(env().DATA_DIR, "imports");
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Writes the file once (same content, same name); returns its hash. */
export async function keepImportFile(bytes: Uint8Array): Promise<string> {
  const hash = sha256(bytes);
  const dir = importsDir();
  const target = path.join(dir, hash);
  const exists = await stat(target).then(() => true, () => false);
  if (!exists) {
    await mkdir(dir, { recursive: true });
    // Write beside it and rename, so a reader never sees half a file.
    const partial = `${target}.${process.pid}.${Date.now()}.part`;
    await writeFile(partial, bytes);
    await rename(partial, target);
  }
  return hash;
}

export async function readImportFile(hash: string): Promise<Uint8Array> {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error("invalid file hash");
  return new Uint8Array(await readFile(path.join(importsDir(), hash)));
}
