import { and, asc, desc, eq, ne, or, sql } from "drizzle-orm";
import { documentFiles, documents, externalIssuers, publications, units } from "@/db/schema";
import type { Db } from "@/lib/db";
import { snippet, type SnippetPart } from "@/lib/search/snippet";
import { countDocuments, searchPage, textSearch } from "./search";
import { documentFacets, documentFilters, documentIssuerName, type DocumentListQuery, publiclyVisible } from "./service";
import { normaliseVerificationCode } from "./verification";
import { outer } from "@/lib/db/sql";

/**
 * What citizens read: published, public, non-secret documents only. Every query here starts from
 * `publiclyVisible`, so nothing else can leak into a page, a feed, the sitemap or a file URL.
 */

const issuerName = documentIssuerName;

export interface PublicDocumentRow {
  id: string;
  numberSymbol: string;
  typeCode: string;
  issuedOn: string;
  abstract: string;
  issuerName: string;
  field: string;
  validity: "in_force" | "replaced" | "expired";
  publishedAt: Date | null;
  abstractParts: SnippetPart[] | null;
  snippet: SnippetPart[] | null;
}

export interface PublicSearchResult {
  rows: PublicDocumentRow[];
  total: number;
  /** With a text search, more than `total` (SEARCH_COUNT_CAP) documents match. */
  totalCapped: boolean;
}

/** The library's list and search (lib/documents/search.ts says how text matches and ranks). */
export async function searchPublicDocuments(db: Db, query: Omit<DocumentListQuery, "visibility" | "validity">): Promise<PublicSearchResult> {
  const within = and(publiclyVisible, ...documentFilters(query))!;
  const search = await textSearch(db, query.q, within);
  const condition = search ? and(within, search.match)! : within;
  const order = [desc(documents.issuedOn), desc(documents.publishedAt), desc(documents.id)];
  const [rows, count] = await Promise.all([
    searchPage(db, { condition, search, order, page: query.page, pageSize: query.pageSize }, (where, orderBy, limit, offset) =>
      db
        .select({
          id: documents.id,
          numberSymbol: documents.numberSymbol,
          typeCode: documents.typeCode,
          issuedOn: documents.issuedOn,
          abstract: documents.abstract,
          field: documents.field,
          validity: documents.validity,
          publishedAt: documents.publishedAt,
          issuerName,
          // The files' text, for the snippet (only when searching: it can be long).
          text: search
            ? sql<string>`(select string_agg(f.text, ' ' order by f.position) from ${documentFiles} f where f.document_id = ${outer(documents.id)})`
            : sql<string>`''`,
        })
        .from(documents)
        .where(where)
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    ),
    countDocuments(db, condition, search !== null),
  ]);
  return {
    rows: rows.map(({ text, ...r }) => ({
      ...r,
      // The abstract with its matches marked, and where the files' text matches, a passage of it.
      abstractParts: search && query.q ? snippet(r.abstract, query.q, 1000) : null,
      snippet: search && query.q && text ? snippet(text, query.q) : null,
    })),
    ...count,
  };
}

export function publicFacets(db: Db) {
  return documentFacets(db, publiclyVisible);
}

/** Issuers that have published documents, for browsing. */
export async function publicIssuers(db: Db) {
  const [ours, others] = await Promise.all([
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(sql`exists (select 1 from documents where documents.issuer_unit_id = ${outer(units.id)} and ${publiclyVisible})`),
    db
      .select({ id: externalIssuers.id, name: externalIssuers.name })
      .from(externalIssuers)
      .where(sql`exists (select 1 from documents where documents.issuer_external_id = ${outer(externalIssuers.id)} and ${publiclyVisible})`),
  ]);
  return [...ours, ...others].sort((a, b) => a.name.localeCompare(b.name, "vi"));
}

/** What a public document page shows of the record: never its internal columns or its search text. */
const publicDocumentColumns = {
  id: documents.id,
  numberSymbol: documents.numberSymbol,
  typeCode: documents.typeCode,
  issuerUnitId: documents.issuerUnitId,
  issuerExternalId: documents.issuerExternalId,
  issuedOn: documents.issuedOn,
  signer: documents.signer,
  abstract: documents.abstract,
  field: documents.field,
  validity: documents.validity,
  replacedById: documents.replacedById,
  urgency: documents.urgency,
  publishedAt: documents.publishedAt,
  updatedAt: documents.updatedAt,
};

export async function getPublicDocument(db: Db, id: string) {
  const [doc] = await db
    .select({ document: publicDocumentColumns, issuerName, unitName: units.name })
    .from(documents)
    .innerJoin(units, eq(units.id, documents.unitId))
    .where(and(eq(documents.id, id), publiclyVisible));
  if (!doc) return null;
  const [files, related, replacedBy] = await Promise.all([
    db
      .select({
        id: documentFiles.id,
        fileName: documentFiles.fileName,
        kind: documentFiles.kind,
        mime: documentFiles.mime,
        size: documentFiles.size,
        pages: documentFiles.pages,
        sha256: documentFiles.sha256,
        verificationCode: documentFiles.verificationCode,
        searchable: documentFiles.searchable,
      })
      .from(documentFiles)
      .where(eq(documentFiles.documentId, id))
      .orderBy(asc(documentFiles.position)),
    // Related: the same field or the same issuer, newest first.
    db
      .select({ id: documents.id, numberSymbol: documents.numberSymbol, abstract: documents.abstract, issuedOn: documents.issuedOn })
      .from(documents)
      .where(
        and(
          publiclyVisible,
          ne(documents.id, id),
          or(
            doc.document.field ? eq(documents.field, doc.document.field) : sql`false`,
            doc.document.issuerUnitId ? eq(documents.issuerUnitId, doc.document.issuerUnitId) : sql`false`,
            doc.document.issuerExternalId ? eq(documents.issuerExternalId, doc.document.issuerExternalId) : sql`false`,
            eq(documents.typeCode, doc.document.typeCode),
          ),
        ),
      )
      .orderBy(desc(sql`(${documents.field} = ${doc.document.field})`), desc(documents.issuedOn))
      .limit(5),
    doc.document.replacedById
      ? db.select({ id: documents.id, numberSymbol: documents.numberSymbol }).from(documents).where(and(eq(documents.id, doc.document.replacedById), publiclyVisible))
      : Promise.resolve([]),
  ]);
  return { ...doc, files, related, replacedBy: replacedBy[0] ?? null };
}

/** Newest published documents, for the RSS feed and the sitemap. */
export async function recentPublicDocuments(db: Db, limit: number) {
  return db
    .select({ id: documents.id, typeCode: documents.typeCode, numberSymbol: documents.numberSymbol, abstract: documents.abstract, issuedOn: documents.issuedOn, publishedAt: documents.publishedAt, updatedAt: documents.updatedAt, issuerName })
    .from(documents)
    .where(publiclyVisible)
    .orderBy(desc(documents.publishedAt))
    .limit(limit);
}

export interface VerificationMatch {
  kind: "document" | "publication";
  id: string;
  title: string;
  subtitle: string;
  fileName: string;
  sha256: string;
  code: string;
}

/** Whether a file (by its SHA-256) or a typed code belongs to something published, and what. */
export async function verifyPublished(db: Db, input: { sha256?: string; code?: string }): Promise<VerificationMatch[]> {
  const code = input.code ? normaliseVerificationCode(input.code) : null;
  const sha = input.sha256 && /^[0-9a-f]{64}$/.test(input.sha256) ? input.sha256 : null;
  if (!code && !sha) return [];
  const docs = await db
    .select({ id: documents.id, numberSymbol: documents.numberSymbol, abstract: documents.abstract, issuerName, fileName: documentFiles.fileName, sha256: documentFiles.sha256, code: documentFiles.verificationCode })
    .from(documentFiles)
    .innerJoin(documents, eq(documents.id, documentFiles.documentId))
    .where(and(publiclyVisible, sha ? eq(documentFiles.sha256, sha) : eq(documentFiles.verificationCode, code!)))
    .limit(10);
  const pubs = await db
    .select({ id: publications.id, title: publications.title, slug: publications.slug, fileName: publications.pdfFileName, sha256: publications.pdfSha256, code: publications.verificationCode, year: publications.year })
    .from(publications)
    .where(and(sql`${publications.publishedAt} is not null`, sha ? eq(publications.pdfSha256, sha) : eq(publications.verificationCode, code!)))
    .limit(10);
  return [
    ...docs.map((d) => ({ kind: "document" as const, id: d.id, title: d.numberSymbol, subtitle: `${d.issuerName} — ${d.abstract}`, fileName: d.fileName, sha256: d.sha256, code: d.code })),
    ...pubs.map((p) => ({ kind: "publication" as const, id: p.slug, title: p.title, subtitle: String(p.year), fileName: p.fileName, sha256: p.sha256, code: p.code })),
  ];
}
