import { getFileStorage, sha256Hex } from "@/lib/files/storage";

/** Uploaded lists are kept like every other file: by SHA-256, in the file storage. */
export const sha256 = sha256Hex;

export async function keepImportFile(bytes: Uint8Array): Promise<string> {
  return (await getFileStorage().put(bytes)).sha256;
}

export async function readImportFile(hash: string): Promise<Uint8Array> {
  const bytes = await getFileStorage().get(hash);
  if (!bytes) throw new Error("stored import file is missing");
  return bytes;
}
