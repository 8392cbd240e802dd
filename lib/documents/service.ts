import { and, asc, desc, eq, or, sql, type SQL } from "drizzle-orm";
import { documentFiles, documents, externalIssuers, units, type Document } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { inScope, pathInScope, requirePermission, type Scope } from "@/lib/auth/guard";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { foldVietnamese } from "@/lib/i18n/format";
import { getSettings } from "@/lib/org/settings";
import { findUnitInScope } from "@/lib/org/units";
import type { DocumentFields, UpdateDocumentInput } from "./schemas";
import { parseNumberSymbol } from "./symbol";
import { findDocumentType } from "./types";
import { countDocuments, searchPage, textSearch } from "./search";
import { outer } from "@/lib/db/sql";

/** The issuing body's name, a unit of ours or a directory entry, for any select over documents. */
export const documentIssuerName = sql<string>`coalesce((select name from units where id = ${outer(documents.issuerUnitId)}), (select name from external_issuers where id = ${outer(documents.issuerExternalId)}), '')`;

export const isSecret = (confidentiality: Document["confidentiality"]) => confidentiality !== "normal";

/** What anonymous visitors may see: published, public, never a state secret. */
export const publiclyVisible = sql`(${documents.publishedAt} is not null and ${documents.visibility} = 'public' and ${documents.confidentiality} = 'normal')`;

/** Documents an actor may read: those of their units, and whatever is public. */
function readableBy(scope: Scope) {
  return or(sql`exists (select 1 from ${units} u where u.id = ${outer(documents.unitId)} and ${inScope(sql`u.path`, scope)})`, publiclyVisible)!;
}

export async function findDocumentInScope(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ document: documents, unitPath: units.path, unitName: units.name })
    .from(documents)
    .innerJoin(units, eq(units.id, documents.unitId))
    .where(and(eq(documents.id, id), inScope(units.path, scope)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: documents }) : await query;
  if (!row) throw new NotFoundError("document.notFound");
  return row;
}

/** The issuer as a unit of ours or a directory entry; a new name typed in joins the directory. */
async function resolveIssuer(db: Db, input: DocumentFields): Promise<{ issuerUnitId: string | null; issuerExternalId: string | null; issuerName: string }> {
  if (input.issuerUnitId) {
    const [unit] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, input.issuerUnitId));
    if (!unit) throw new InvalidInputError({ issuerUnitId: "unit.notFound" });
    return { issuerUnitId: unit.id, issuerExternalId: null, issuerName: unit.name };
  }
  if (input.issuerExternalId) {
    const [org] = await db.select().from(externalIssuers).where(eq(externalIssuers.id, input.issuerExternalId));
    if (!org) throw new InvalidInputError({ issuerExternalId: "document.issuerNotFound" });
    return { issuerUnitId: null, issuerExternalId: org.id, issuerName: org.name };
  }
  const name = input.issuerName.trim();
  const [existing] = await db.select().from(externalIssuers).where(sql`lower(${externalIssuers.name}) = lower(${name})`);
  if (existing) return { issuerUnitId: null, issuerExternalId: existing.id, issuerName: existing.name };
  const [created] = await db.insert(externalIssuers).values({ name, nameFolded: foldVietnamese(name) }).returning();
  return { issuerUnitId: null, issuerExternalId: created!.id, issuerName: created!.name };
}

/** The record's columns from the form: symbol parsed and normalised, secrets kept internal. */
async function recordValues(db: Db, input: DocumentFields) {
  if (!findDocumentType(input.typeCode)) throw new InvalidInputError({ typeCode: "document.unknownType" });
  const settings = await getSettings(db);
  const parsed = parseNumberSymbol(input.numberSymbol, { preferredStyle: settings?.numberingStyle ?? "HD36" });
  const issuer = await resolveIssuer(db, input);
  const secret = input.confidentiality !== "normal";
  if (input.replacedById) {
    const [replacement] = await db.select({ id: documents.id }).from(documents).where(eq(documents.id, input.replacedById));
    if (!replacement) throw new InvalidInputError({ replacedById: "document.notFound" });
  }
  return {
    values: {
      numberSymbolRaw: parsed.original,
      numberSymbol: parsed.normalised,
      number: parsed.ok ? parsed.number : null,
      symbolFlagged: !parsed.ok,
      typeCode: findDocumentType(input.typeCode)!.code,
      issuerUnitId: issuer.issuerUnitId,
      issuerExternalId: issuer.issuerExternalId,
      issuedOn: input.issuedOn,
      signer: input.signer,
      abstract: input.abstract,
      field: input.field,
      validity: input.validity,
      replacedById: input.validity === "replaced" ? input.replacedById : null,
      urgency: input.urgency,
      confidentiality: input.confidentiality,
      // A state secret is a register entry for the unit only, whatever the form said.
      visibility: secret ? ("internal" as const) : input.visibility,
      paperLocation: input.paperLocation,
    },
    issuerName: issuer.issuerName,
    parsed,
  };
}

/** NĐ30 asks for a warning when (number, symbol, issuer) is already registered. */
async function findDuplicate(db: Db, numberSymbol: string, issuer: { issuerUnitId: string | null; issuerExternalId: string | null }, exceptId?: string) {
  const [other] = await db
    .select({ id: documents.id, issuedOn: documents.issuedOn, unitName: units.name })
    .from(documents)
    .innerJoin(units, eq(units.id, documents.unitId))
    .where(
      and(
        sql`lower(${documents.numberSymbol}) = lower(${numberSymbol})`,
        issuer.issuerUnitId ? eq(documents.issuerUnitId, issuer.issuerUnitId) : eq(documents.issuerExternalId, issuer.issuerExternalId!),
        exceptId ? sql`${documents.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return other ?? null;
}

/** Everything a search should match, folded as queries are (foldVietnamese): the record's words and its files' text. */
export async function refreshSearchText(db: Db, documentId: string) {
  const [doc] = await db
    .select({
      numberSymbol: documents.numberSymbol,
      typeCode: documents.typeCode,
      abstract: documents.abstract,
      signer: documents.signer,
      field: documents.field,
      issuerName: documentIssuerName,
    })
    .from(documents)
    .where(eq(documents.id, documentId));
  if (!doc) return;
  const files = await db.select({ text: documentFiles.text }).from(documentFiles).where(eq(documentFiles.documentId, documentId)).orderBy(asc(documentFiles.position));
  const typeName = findDocumentType(doc.typeCode)?.name ?? "";
  const text = [doc.numberSymbol, doc.typeCode, typeName, doc.abstract, doc.signer, doc.field, doc.issuerName, ...files.map((f) => f.text)].join(" ");
  await db.update(documents).set({ searchText: foldVietnamese(text).replace(/\s+/g, " ") }).where(eq(documents.id, documentId));
}

export async function createDocument(db: Db, actor: Actor | null, input: DocumentFields) {
  const scope = requirePermission(actor, "document.manage");
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.unitId, scope);
    if (unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
    const { values, parsed } = await recordValues(tx, input);
    if (!input.acceptDuplicate) {
      const duplicate = await findDuplicate(tx, values.numberSymbol, values);
      if (duplicate) throw duplicateError(duplicate);
    }
    const [created] = await tx
      .insert(documents)
      .values({ ...values, unitId: unit.id, createdBy: actor!.userId })
      .returning();
    await refreshSearchText(tx, created!.id);
    await recordAudit(tx, actor, {
      action: "document.create",
      entityType: "document",
      entityId: created!.id,
      unitId: unit.id,
      changes: { numberSymbol: { to: values.numberSymbol }, confidentiality: { to: values.confidentiality } },
    });
    return { ...created!, symbolProblems: parsed.problems };
  });
}

function duplicateError(duplicate: { id: string; issuedOn: string; unitName: string }) {
  return new ConflictError("document.duplicate", { numberSymbol: "document.duplicate" }, {
    values: { unit: duplicate.unitName, date: `${duplicate.issuedOn.slice(8, 10)}/${duplicate.issuedOn.slice(5, 7)}/${duplicate.issuedOn.slice(0, 4)}` },
    details: { duplicateId: duplicate.id },
  });
}

export async function updateDocument(db: Db, actor: Actor | null, input: UpdateDocumentInput) {
  const scope = requirePermission(actor, "document.manage");
  return db.transaction(async (tx) => {
    const { document } = await findDocumentInScope(tx, input.id, scope, { forUpdate: true });
    if (document.version !== input.version) {
      throw new ConflictError("document.staleEdit", {}, { details: { version: document.version } });
    }
    const unit = await findUnitInScope(tx, input.unitId, scope);
    const { values } = await recordValues(tx, input);
    if (values.confidentiality !== "normal") {
      const [file] = await tx.select({ id: documentFiles.id }).from(documentFiles).where(eq(documentFiles.documentId, document.id)).limit(1);
      if (file) throw new InvalidInputError({ confidentiality: "document.secretHasFiles" }, "document.secretHasFiles");
    }
    if (!input.acceptDuplicate && values.numberSymbol.toLowerCase() !== document.numberSymbol.toLowerCase()) {
      const duplicate = await findDuplicate(tx, values.numberSymbol, values, document.id);
      if (duplicate) throw duplicateError(duplicate);
    }
    const secret = values.confidentiality !== "normal";
    const [updated] = await tx
      .update(documents)
      .set({
        ...values,
        unitId: unit.id,
        // Becoming secret or internal takes a document off the portal at once.
        publishedAt: secret || values.visibility === "internal" ? null : document.publishedAt,
        version: sql`${documents.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, document.id))
      .returning();
    await refreshSearchText(tx, document.id);
    await recordAudit(tx, actor, {
      action: "document.update",
      entityType: "document",
      entityId: document.id,
      unitId: unit.id,
      changes: diff(document as unknown as Record<string, unknown>, updated as unknown as Record<string, unknown>),
    });
    return updated!;
  });
}

export async function setDocumentPublished(db: Db, actor: Actor | null, input: { id: string; published: boolean }) {
  const scope = requirePermission(actor, "document.manage");
  return db.transaction(async (tx) => {
    const { document } = await findDocumentInScope(tx, input.id, scope, { forUpdate: true });
    if (input.published) {
      if (isSecret(document.confidentiality)) throw new InvalidInputError({}, "document.secretNeverPublic");
      if (document.visibility !== "public") throw new InvalidInputError({}, "document.internalNotPublished");
    }
    const [updated] = await tx
      .update(documents)
      .set({
        publishedAt: input.published ? (document.publishedAt ?? new Date()) : null,
        publishedBy: input.published ? actor!.userId : null,
        version: sql`${documents.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(documents.id, document.id))
      .returning();
    await recordAudit(tx, actor, {
      action: input.published ? "document.publish" : "document.unpublish",
      entityType: "document",
      entityId: document.id,
      unitId: document.unitId,
      changes: {},
    });
    return updated!;
  });
}

export interface DocumentListQuery {
  page: number;
  pageSize: number;
  q?: string;
  typeCode?: string;
  issuer?: string;
  year?: number;
  field?: string;
  validity?: Document["validity"];
  visibility?: Document["visibility"];
  sort?: "issuedOn" | "numberSymbol" | "createdAt";
  dir?: "asc" | "desc";
}

/** The filters other than the text, shared by the workspace list and the public library. */
export function documentFilters(query: Omit<DocumentListQuery, "page" | "pageSize" | "sort" | "dir" | "q">): SQL[] {
  const where: SQL[] = [];
  if (query.typeCode) where.push(eq(documents.typeCode, query.typeCode));
  if (query.year) where.push(sql`extract(year from ${documents.issuedOn}) = ${query.year}`);
  if (query.field) where.push(eq(documents.field, query.field));
  if (query.validity) where.push(eq(documents.validity, query.validity));
  if (query.visibility) where.push(eq(documents.visibility, query.visibility));
  if (query.issuer) where.push(or(eq(documents.issuerUnitId, query.issuer), eq(documents.issuerExternalId, query.issuer))!);
  return where;
}

/**
 * The workspace list: documents of the actor's units, plus public ones, filtered and paged. A text
 * search ranks the first matches in the chosen order and counts up to SEARCH_COUNT_CAP (./search).
 */
export async function listDocuments(db: Db, actor: Actor | null, query: DocumentListQuery) {
  const scope = requirePermission(actor, "document.read");
  const within = and(readableBy(scope), ...documentFilters(query))!;
  const search = await textSearch(db, query.q, within);
  const condition = search ? and(within, search.match)! : within;
  const dir = query.dir === "asc" ? asc : desc;
  const order = [
    query.sort === "numberSymbol" ? dir(documents.numberSymbol) : query.sort === "createdAt" ? dir(documents.createdAt) : dir(documents.issuedOn),
    desc(documents.createdAt),
    desc(documents.id),
  ];
  const [rows, count] = await Promise.all([
    searchPage(db, { condition, search, order, page: query.page, pageSize: query.pageSize }, (where, orderBy, limit, offset) =>
      db
        .select({
          id: documents.id,
          numberSymbol: documents.numberSymbol,
          symbolFlagged: documents.symbolFlagged,
          typeCode: documents.typeCode,
          issuedOn: documents.issuedOn,
          abstract: documents.abstract,
          field: documents.field,
          validity: documents.validity,
          confidentiality: documents.confidentiality,
          visibility: documents.visibility,
          publishedAt: documents.publishedAt,
          unitName: units.name,
          unitPath: units.path,
          issuerName: documentIssuerName,
          fileCount: sql<number>`(select count(*)::int from document_files f where f.document_id = ${outer(documents.id)})`,
        })
        .from(documents)
        .innerJoin(units, eq(units.id, documents.unitId))
        .where(where)
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    ),
    countDocuments(db, condition, search !== null),
  ]);
  return { rows: rows.map(({ unitPath, ...r }) => ({ ...r, editable: pathInScope(unitPath, scope) && holdsManage(actor, unitPath) })), ...count };
}

function holdsManage(actor: Actor | null, path: string) {
  try {
    return pathInScope(path, requirePermission(actor, "document.manage"));
  } catch {
    return false;
  }
}

/** One record for the workspace, with its files; a document outside the scope reads as not found unless public. */
export async function getDocument(db: Db, actor: Actor | null, id: string) {
  const scope = requirePermission(actor, "document.read");
  const [row] = await db
    .select({ document: documents, unitName: units.name, unitPath: units.path, issuerName: documentIssuerName })
    .from(documents)
    .innerJoin(units, eq(units.id, documents.unitId))
    .where(and(eq(documents.id, id), readableBy(scope)));
  if (!row) throw new NotFoundError("document.notFound");
  const [files, [replacedBy]] = await Promise.all([
    db.select().from(documentFiles).where(eq(documentFiles.documentId, id)).orderBy(asc(documentFiles.position), asc(documentFiles.createdAt)),
    row.document.replacedById
      ? db.select({ id: documents.id, numberSymbol: documents.numberSymbol }).from(documents).where(eq(documents.id, row.document.replacedById))
      : Promise.resolve([]),
  ]);
  return {
    ...row,
    files,
    replacedBy: replacedBy ?? null,
    editable: holdsManage(actor, row.unitPath),
  };
}

/** Every issuer some document names (units of ours and directory entries), for the list's filter. */
export async function documentIssuers(db: Db) {
  const rows = await db
    .select({ id: sql<string>`coalesce(${documents.issuerUnitId}, ${documents.issuerExternalId})`, name: sql<string>`coalesce(${units.name}, ${externalIssuers.name})` })
    .from(documents)
    .leftJoin(units, eq(units.id, documents.issuerUnitId))
    .leftJoin(externalIssuers, eq(externalIssuers.id, documents.issuerExternalId))
    .groupBy(sql`1`, sql`2`);
  return rows.filter((r) => r.id && r.name).sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** Directory entries for the issuer picker. */
export async function listExternalIssuers(db: Db) {
  return db.select().from(externalIssuers).orderBy(asc(externalIssuers.name)).limit(1000);
}

/** The values in use, for the filters. */
export async function documentFacets(db: Db, condition: SQL) {
  const [types, years, fields] = await Promise.all([
    db.selectDistinct({ value: documents.typeCode }).from(documents).where(condition).orderBy(documents.typeCode),
    db.selectDistinct({ value: sql<number>`extract(year from ${documents.issuedOn})::int` }).from(documents).where(condition).orderBy(desc(sql`1`)),
    db.selectDistinct({ value: documents.field }).from(documents).where(and(condition, sql`${documents.field} <> ''`)).orderBy(documents.field),
  ]);
  return { types: types.map((r) => r.value), years: years.map((r) => r.value), fields: fields.map((r) => r.value) };
}
