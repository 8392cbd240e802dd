import { sql } from "drizzle-orm";
import { bigint, boolean, check, customType, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { units } from "./org";

export const documentValidity = pgEnum("document_validity", ["in_force", "replaced", "expired"]);
export const documentUrgency = pgEnum("document_urgency", ["normal", "urgent", "very_urgent", "flash"]);
/** "normal" is not secret; the other three are state secrets: register entries only, never files. */
export const documentConfidentiality = pgEnum("document_confidentiality", ["normal", "secret", "top_secret", "absolute_secret"]);
export const documentVisibility = pgEnum("document_visibility", ["public", "internal"]);

/** PostgreSQL's full-text vector, read as its text form (it is only ever matched in SQL). */
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * How much of search_text goes into search_vector. to_tsvector refuses a vector above 1 MB, and a
 * refused generated column would refuse the whole row: 250,000 characters stay below that limit
 * even for text made only of distinct numbers or of multi-byte letters (tests/documents/search.test.ts).
 */
export const SEARCH_VECTOR_CHARS = 250_000;

/** Organisations outside the tree whose documents we record (ministries, the Front, other associations). */
export const externalIssuers = pgTable(
  "external_issuers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The code in their symbols ("BNV", "TU"). */
    code: text("code").notNull().default(""),
    nameFolded: text("name_folded").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("external_issuers_name_key").on(sql`lower(${t.name})`)],
);

/**
 * A document record with its NĐ30/HD36 metadata. The owning unit decides who may edit it and,
 * for an internal document, who may read it; a public one is read by anyone once published.
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    version: integer("version").notNull().default(1),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    /** "Số, ký hiệu" as typed, and as normalised (equal to the typed text when it does not parse). */
    numberSymbolRaw: text("number_symbol_raw").notNull(),
    numberSymbol: text("number_symbol").notNull(),
    number: integer("number"),
    /** The text did not parse: kept as typed and shown to the clerk as needing a look. */
    symbolFlagged: boolean("symbol_flagged").notNull().default(false),
    typeCode: text("type_code").notNull(),
    issuerUnitId: uuid("issuer_unit_id").references(() => units.id),
    issuerExternalId: uuid("issuer_external_id").references(() => externalIssuers.id),
    issuedOn: date("issued_on").notNull(),
    signer: text("signer").notNull().default(""),
    /** Trích yếu, ≤ 500 characters. */
    abstract: text("abstract").notNull(),
    field: text("field").notNull().default(""),
    validity: documentValidity("validity").notNull().default("in_force"),
    replacedById: uuid("replaced_by_id").references((): AnyPgColumn => documents.id),
    urgency: documentUrgency("urgency").notNull().default("normal"),
    confidentiality: documentConfidentiality("confidentiality").notNull().default("normal"),
    visibility: documentVisibility("visibility").notNull().default("public"),
    /** For a confidential record: where the paper original is kept. */
    paperLocation: text("paper_location").notNull().default(""),
    /** Unaccented, lower case: number/symbol, abstract, signer, issuer and the files' text. */
    searchText: text("search_text").notNull().default(""),
    /**
     * The syllables of search_text (already folded), for word searches through a GIN index: whole
     * words, no stemming ('simple'). Kept by PostgreSQL itself whenever search_text changes.
     */
    searchVector: tsvector("search_vector")
      .notNull()
      .generatedAlwaysAs(sql.raw(`to_tsvector('simple'::regconfig, left(search_text, ${SEARCH_VECTOR_CHARS}))`)),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id),
    viewCount: bigint("view_count", { mode: "number" }).notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("documents_unit_idx").on(t.unitId),
    index("documents_issued_idx").on(t.issuedOn),
    index("documents_type_idx").on(t.typeCode),
    index("documents_symbol_idx").on(sql`lower(${t.numberSymbol})`),
    // Substrings of the whole text: a number or symbol cited in other documents (the fallback).
    index("documents_search_trgm").using("gin", sql`${t.searchText} gin_trgm_ops`),
    index("documents_search_vector_idx").using("gin", t.searchVector),
    // Part of a number or symbol ("374-TB") as typed, among the documents' own symbols.
    index("documents_symbol_trgm").using("gin", sql`lower(${t.numberSymbol}) gin_trgm_ops`),
    index("documents_public_idx").on(t.publishedAt).where(sql`${t.publishedAt} is not null and ${t.visibility} = 'public' and ${t.confidentiality} = 'normal'`),
    // A state secret can never be public or published; the database itself refuses it.
    check("documents_secret_not_public", sql`${t.confidentiality} = 'normal' or (${t.visibility} = 'internal' and ${t.publishedAt} is null)`),
  ],
);

/** A file of a document, stored by its SHA-256; confidential documents have none. */
export const documentFiles = pgTable(
  "document_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    /** A short code printed beside the file (and in its QR code) to check it on /xac-thuc. */
    verificationCode: text("verification_code").notNull(),
    fileName: text("file_name").notNull(),
    kind: text("kind").notNull(),
    mime: text("mime").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    pages: smallint("pages"),
    /** Text found in the file (PDF, DOCX); empty for images and scans. */
    text: text("text").notNull().default(""),
    searchable: boolean("searchable").notNull().default(false),
    downloadCount: bigint("download_count", { mode: "number" }).notNull().default(0),
    position: smallint("position").notNull().default(0),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("document_files_document_idx").on(t.documentId, t.position),
    uniqueIndex("document_files_same_file").on(t.documentId, t.sha256),
    index("document_files_sha_idx").on(t.sha256),
    index("document_files_code_idx").on(t.verificationCode),
  ],
);

/**
 * Who has recently been counted as reading a public document: one row per document and visitor
 * (a keyed hash of the address and browser, never the address itself), so a reload or a bot
 * hammering the page adds one view per window. Rows older than the window are pruned by a job.
 */
export const documentViewMarks = pgTable(
  "document_view_marks",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    visitor: text("visitor").notNull(),
    countedAt: timestamp("counted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.visitor] }), index("document_view_marks_counted_idx").on(t.countedAt)],
);

export type Document = typeof documents.$inferSelect;
export type DocumentFile = typeof documentFiles.$inferSelect;
export type ExternalIssuer = typeof externalIssuers.$inferSelect;

export const publicationKind = pgEnum("publication_kind", ["newsletter", "book"]);
export const mediaKind = pgEnum("media_kind", ["photo", "video_file", "video_link"]);

/** Newsletters and books: a PDF with a cover image, free to read and download once published. */
export const publications = pgTable(
  "publications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    kind: publicationKind("kind").notNull(),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    issueNumber: text("issue_number").notNull().default(""),
    year: smallint("year").notNull(),
    description: text("description").notNull().default(""),
    pdfSha256: text("pdf_sha256").notNull(),
    pdfFileName: text("pdf_file_name").notNull(),
    pdfSize: bigint("pdf_size", { mode: "number" }).notNull(),
    verificationCode: text("verification_code").notNull(),
    coverSha256: text("cover_sha256"),
    coverMime: text("cover_mime"),
    searchText: text("search_text").notNull().default(""),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("publications_slug_key").on(t.slug), index("publications_published_idx").on(t.publishedAt), index("publications_pdf_idx").on(t.pdfSha256)],
);

/** A photo album or a set of videos. */
export const mediaAlbums = pgTable(
  "media_albums",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    title: text("title").notNull(),
    slug: text("slug").notNull(),
    description: text("description").notNull().default(""),
    takenOn: date("taken_on"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("media_albums_slug_key").on(t.slug), index("media_albums_published_idx").on(t.publishedAt)],
);

export const mediaItems = pgTable(
  "media_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    albumId: uuid("album_id")
      .notNull()
      .references(() => mediaAlbums.id, { onDelete: "cascade" }),
    kind: mediaKind("kind").notNull(),
    /** Uploaded photo or MP4, by content hash; null for an embedded video link. */
    sha256: text("sha256"),
    mime: text("mime"),
    size: bigint("size", { mode: "number" }),
    /** The embed address of a linked video (YouTube, Facebook…), checked against an allow-list. */
    url: text("url"),
    caption: text("caption").notNull().default(""),
    position: smallint("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("media_items_album_idx").on(t.albumId, t.position)],
);

export type Publication = typeof publications.$inferSelect;
export type MediaAlbum = typeof mediaAlbums.$inferSelect;
export type MediaItem = typeof mediaItems.$inferSelect;
