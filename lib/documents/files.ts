import { and, asc, eq, sql } from "drizzle-orm";
import { documentFiles, documents, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { getFileStorage, sha256Hex } from "@/lib/files/storage";
import { checkUpload } from "./content-type";
import { extractText } from "./extract";
import { findDocumentInScope, isSecret, publiclyVisible, refreshSearchText } from "./service";
import { verificationCode } from "./verification";

export const DOCUMENT_FILE_KINDS = ["pdf", "docx", "xlsx", "jpeg", "png", "webp", "gif"] as const;

export function maxFileBytes() {
  return env().FILE_MAX_MB * 1024 * 1024;
}

/** A refusal whose Vietnamese text comes from the file check itself (it names the file and the limit). */
export class FileRefused extends InvalidInputError {
  constructor(readonly text: string) {
    super({ file: "document.fileRefused" }, "document.fileRefused");
  }
}

/**
 * Attaches a file to a document: checked by its content, its text extracted for search, stored by
 * SHA-256. A state-secret record never takes a file; the same file twice on one record is refused.
 */
export async function attachDocumentFile(db: Db, actor: Actor | null, input: { documentId: string; fileName: string; bytes: Uint8Array }) {
  const scope = requirePermission(actor, "document.manage");
  // Look before doing any work: secrets and out-of-scope records are refused without reading the file.
  const { document } = await findDocumentInScope(db, input.documentId, scope);
  if (isSecret(document.confidentiality)) throw new InvalidInputError({ file: "document.secretNoFile" }, "document.secretNoFile");
  const checked = await checkUpload(input.bytes, input.fileName, { maxBytes: maxFileBytes(), allowed: [...DOCUMENT_FILE_KINDS] });
  if (!checked.ok) throw new FileRefused(checked.problem.message);
  const sha256 = sha256Hex(input.bytes);
  const [same] = await db
    .select({ id: documentFiles.id })
    .from(documentFiles)
    .where(and(eq(documentFiles.documentId, document.id), eq(documentFiles.sha256, sha256)));
  if (same) throw new ConflictError("document.fileAlreadyAttached", { file: "document.fileAlreadyAttached" });
  const extracted = checked.kind === "pdf" || checked.kind === "docx" ? await extractText(input.bytes, checked.kind) : { text: "", searchable: false, pages: undefined };
  await getFileStorage().put(input.bytes);
  const fileName = input.fileName.replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200) || `tep.${checked.extension}`;

  return db.transaction(async (tx) => {
    // Again under the lock: the record may have become secret meanwhile.
    const { document: locked } = await findDocumentInScope(tx, document.id, scope, { forUpdate: true });
    if (isSecret(locked.confidentiality)) throw new InvalidInputError({ file: "document.secretNoFile" }, "document.secretNoFile");
    const [{ next } = { next: 0 }] = await tx
      .select({ next: sql<number>`coalesce(max(${documentFiles.position}) + 1, 0)::int` })
      .from(documentFiles)
      .where(eq(documentFiles.documentId, document.id));
    const [file] = await tx
      .insert(documentFiles)
      .values({
        documentId: document.id,
        sha256,
        verificationCode: verificationCode(sha256),
        fileName,
        kind: checked.kind,
        mime: checked.mime,
        size: input.bytes.length,
        pages: extracted.pages ?? null,
        text: extracted.text,
        searchable: extracted.searchable,
        position: next,
        createdBy: actor!.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!file) throw new ConflictError("document.fileAlreadyAttached", { file: "document.fileAlreadyAttached" });
    await tx.update(documents).set({ version: sql`${documents.version} + 1`, updatedAt: new Date() }).where(eq(documents.id, document.id));
    await refreshSearchText(tx, document.id);
    await recordAudit(tx, actor, {
      action: "document.attachFile",
      entityType: "document",
      entityId: document.id,
      unitId: document.unitId,
      changes: { file: { to: fileName }, sha256: { to: sha256 } },
    });
    return file;
  });
}

export async function removeDocumentFile(db: Db, actor: Actor | null, input: { fileId: string }) {
  const scope = requirePermission(actor, "document.manage");
  return db.transaction(async (tx) => {
    const [file] = await tx.select().from(documentFiles).where(eq(documentFiles.id, input.fileId));
    if (!file) throw new NotFoundError("document.fileNotFound");
    const { document } = await findDocumentInScope(tx, file.documentId, scope, { forUpdate: true });
    await tx.delete(documentFiles).where(eq(documentFiles.id, file.id));
    await tx.update(documents).set({ version: sql`${documents.version} + 1`, updatedAt: new Date() }).where(eq(documents.id, document.id));
    await refreshSearchText(tx, document.id);
    await recordAudit(tx, actor, {
      action: "document.removeFile",
      entityType: "document",
      entityId: document.id,
      unitId: document.unitId,
      changes: { file: { from: file.fileName } },
    });
    return { id: file.id, documentId: document.id };
  });
}

/**
 * A file as its reader may have it: anyone, when the document is published and public; otherwise
 * only someone who reads documents of its unit. Everything else is "not found".
 */
export async function readDocumentFile(db: Db, actor: Actor | null, fileId: string) {
  const [row] = await db
    .select({ file: documentFiles, unitPath: units.path, isPublic: sql<boolean>`${publiclyVisible}` })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .innerJoin(units, eq(units.id, documents.unitId))
    .where(eq(documentFiles.id, fileId));
  if (!row) throw new NotFoundError("document.fileNotFound");
  if (!row.isPublic) {
    const scope = requirePermission(actor, "document.read");
    const [visible] = await db.select({ id: units.id }).from(units).where(and(eq(units.path, row.unitPath), inScope(units.path, scope)));
    if (!visible) throw new NotFoundError("document.fileNotFound");
  }
  const bytes = await getFileStorage().get(row.file.sha256);
  if (!bytes) throw new NotFoundError("document.fileNotFound");
  if (row.isPublic) await db.update(documentFiles).set({ downloadCount: sql`${documentFiles.downloadCount} + 1` }).where(eq(documentFiles.id, fileId));
  return { file: row.file, bytes, isPublic: row.isPublic };
}

export async function listDocumentFiles(db: Db, documentId: string) {
  return db.select().from(documentFiles).where(eq(documentFiles.documentId, documentId)).orderBy(asc(documentFiles.position));
}
