import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { publications, units, type Publication } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { InvalidInputError } from "@/lib/auth/errors";
import { inScope, requirePermission } from "@/lib/auth/guard";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { verificationCode } from "@/lib/documents/verification";
import { getFileStorage } from "@/lib/files/storage";
import { foldVietnamese } from "@/lib/i18n/format";
import { findUnitInScope } from "@/lib/org/units";
import { findPublicationInScope } from "./access";
import type { CreatePublicationInput, PublicationFields, PublicationKind, UpdatePublicationInput } from "./schemas";
import { claimSlug, slugify } from "./slug";
import { checkFiles, cleanFileName, COVER_KINDS, PDF_KINDS, type CheckedFile, type UploadedFile } from "./uploads";

/** Editors' publications: newsletters and books, each a PDF with an optional cover image. */

export interface PublicationFiles {
  pdf?: UploadedFile | null;
  cover?: UploadedFile | null;
}

function searchText(fields: PublicationFields) {
  return foldVietnamese([fields.title, fields.issueNumber, String(fields.year), fields.description].join(" ")).replace(/\s+/g, " ").trim();
}

/** Checks the files by content (all problems at once), then stores them; nothing is written to the database yet. */
async function checkAndStore(files: PublicationFiles) {
  const entries = [
    ...(files.pdf ? [{ field: "pdf", file: files.pdf, allowed: PDF_KINDS }] : []),
    ...(files.cover ? [{ field: "cover", file: files.cover, allowed: COVER_KINDS }] : []),
  ];
  const checked = await checkFiles(entries);
  const pdf = checked.find((c) => c.field === "pdf");
  const cover = checked.find((c) => c.field === "cover");
  // Stored before the transaction: if it then fails, an unreferenced file is harmless (content-addressed).
  const storage = getFileStorage();
  const put = async (file: CheckedFile | undefined) => (file ? { ...file, ...(await storage.put(file.bytes)) } : undefined);
  return { pdf: await put(pdf), cover: await put(cover) };
}

export async function createPublication(db: Db, actor: Actor | null, input: CreatePublicationInput & PublicationFiles) {
  const scope = requirePermission(actor, "publication.manage");
  // Refuse a foreign unit before reading any file.
  const unit = await findUnitInScope(db, input.unitId, scope);
  if (unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
  if (!input.pdf) throw new InvalidInputError({ pdf: "publication.pdfRequired" });
  const { pdf, cover } = await checkAndStore(input);

  return db.transaction(async (tx) => {
    await findUnitInScope(tx, unit.id, scope);
    const slug = await claimSlug(tx, "publications", slugify(input.title));
    const [created] = await tx
      .insert(publications)
      .values({
        unitId: unit.id,
        kind: input.kind,
        title: input.title,
        slug,
        issueNumber: input.issueNumber,
        year: input.year,
        description: input.description,
        pdfSha256: pdf!.sha256,
        pdfFileName: cleanFileName(pdf!.fileName, pdf!.extension),
        pdfSize: pdf!.size,
        verificationCode: verificationCode(pdf!.sha256),
        coverSha256: cover?.sha256 ?? null,
        coverMime: cover?.mime ?? null,
        searchText: searchText(input),
        createdBy: actor!.userId,
      })
      .returning();
    await recordAudit(tx, actor, {
      action: "publication.create",
      entityType: "publication",
      entityId: created!.id,
      unitId: unit.id,
      changes: { title: { to: created!.title }, slug: { to: slug }, pdfSha256: { to: created!.pdfSha256 }, coverSha256: { to: created!.coverSha256 } },
    });
    return created!;
  });
}

/**
 * Saves the fields and, when given, a new PDF or cover. While never published, a new title gives
 * a new slug; once published the address stays, so links people shared keep working.
 */
export async function updatePublication(db: Db, actor: Actor | null, input: UpdatePublicationInput & PublicationFiles) {
  const scope = requirePermission(actor, "publication.manage");
  await findPublicationInScope(db, input.id, scope);
  const unit = await findUnitInScope(db, input.unitId, scope);
  const { pdf, cover } = await checkAndStore(input);

  return db.transaction(async (tx) => {
    const { publication } = await findPublicationInScope(tx, input.id, scope, { forUpdate: true });
    // Moving it to another of one's units: that unit must still be active.
    if (unit.id !== publication.unitId && unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
    const slug =
      !publication.publishedAt && input.title !== publication.title ? await claimSlug(tx, "publications", slugify(input.title), publication.id) : publication.slug;
    const values: Partial<Publication> = {
      unitId: unit.id,
      kind: input.kind,
      title: input.title,
      slug,
      issueNumber: input.issueNumber,
      year: input.year,
      description: input.description,
      searchText: searchText(input),
      ...(pdf
        ? { pdfSha256: pdf.sha256, pdfFileName: cleanFileName(pdf.fileName, pdf.extension), pdfSize: pdf.size, verificationCode: verificationCode(pdf.sha256) }
        : {}),
      ...(cover ? { coverSha256: cover.sha256, coverMime: cover.mime } : input.removeCover ? { coverSha256: null, coverMime: null } : {}),
    };
    const changes = diff(publication as unknown as Record<string, unknown>, values as Record<string, unknown>);
    delete changes.searchText;
    if (Object.keys(changes).length === 0) return publication;
    const [updated] = await tx
      .update(publications)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(publications.id, publication.id))
      .returning();
    await recordAudit(tx, actor, { action: "publication.update", entityType: "publication", entityId: publication.id, unitId: unit.id, changes });
    return updated!;
  });
}

async function setPublished(db: Db, actor: Actor | null, id: string, published: boolean) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { publication } = await findPublicationInScope(tx, id, scope, { forUpdate: true });
    if (Boolean(publication.publishedAt) === published) return publication;
    const publishedAt = published ? new Date() : null;
    const [updated] = await tx.update(publications).set({ publishedAt, updatedAt: new Date() }).where(eq(publications.id, id)).returning();
    await recordAudit(tx, actor, {
      action: published ? "publication.publish" : "publication.unpublish",
      entityType: "publication",
      entityId: id,
      unitId: publication.unitId,
      changes: { publishedAt: { from: publication.publishedAt, to: publishedAt } },
    });
    return updated!;
  });
}

export const publishPublication = (db: Db, actor: Actor | null, input: { id: string }) => setPublished(db, actor, input.id, true);
export const unpublishPublication = (db: Db, actor: Actor | null, input: { id: string }) => setPublished(db, actor, input.id, false);

/** Deletes the record; its files stay in storage (content-addressed, perhaps shared) and are no longer served. */
export async function deletePublication(db: Db, actor: Actor | null, input: { id: string }) {
  const scope = requirePermission(actor, "publication.manage");
  return db.transaction(async (tx) => {
    const { publication } = await findPublicationInScope(tx, input.id, scope, { forUpdate: true });
    await tx.delete(publications).where(eq(publications.id, publication.id));
    await recordAudit(tx, actor, {
      action: "publication.delete",
      entityType: "publication",
      entityId: publication.id,
      unitId: publication.unitId,
      changes: { title: { from: publication.title }, slug: { from: publication.slug } },
    });
    return { id: publication.id };
  });
}

export interface PublicationListQuery {
  page: number;
  pageSize: number;
  kind?: PublicationKind;
  q?: string;
}

/** Publications of the actor's units, newest first. */
export async function listPublications(db: Db, actor: Actor | null, query: PublicationListQuery) {
  const scope = requirePermission(actor, "publication.manage");
  const filters: SQL[] = [inScope(units.path, scope)];
  if (query.kind) filters.push(eq(publications.kind, query.kind));
  if (query.q?.trim()) filters.push(sql`${publications.searchText} like ${`%${foldVietnamese(query.q.trim())}%`}`);
  const where = and(...filters);
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({
        id: publications.id,
        kind: publications.kind,
        title: publications.title,
        slug: publications.slug,
        issueNumber: publications.issueNumber,
        year: publications.year,
        coverSha256: publications.coverSha256,
        publishedAt: publications.publishedAt,
        updatedAt: publications.updatedAt,
        unitName: units.name,
      })
      .from(publications)
      .innerJoin(units, eq(units.id, publications.unitId))
      .where(where)
      .orderBy(desc(publications.createdAt), desc(publications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(publications).innerJoin(units, eq(units.id, publications.unitId)).where(where),
  ]);
  return { rows, total };
}

export async function getPublication(db: Db, actor: Actor | null, id: string) {
  const scope = requirePermission(actor, "publication.manage");
  return findPublicationInScope(db, id, scope);
}
