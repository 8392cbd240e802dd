import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documentFiles, documents } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import { DOCUMENT_TYPES } from "@/lib/documents/types";
import { readDocumentFile } from "@/lib/documents/files";
import { documentIssuers } from "@/lib/documents/service";
import { publicFacets, publicIssuers, recentPublicDocuments, searchPublicDocuments } from "@/lib/documents/public";
import { createTestDatabase } from "../helpers/db";
import { rowsOf } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db, { documents: true });
});
afterAll(async () => handle?.close());

describe("demo documents", () => {
  it("publishes documents of the common types with PDFs whose text the library finds", async () => {
    expect((await documentIssuers(db)).map((i) => i.name)).toEqual(["Bộ Nội vụ", "Hội Cựu TNXP thành phố Hà Nội", "Hội Cựu TNXP tỉnh Tuyên Quang", "Trung ương Hội Cựu TNXP Việt Nam"]);
    const facets = await publicFacets(db);
    expect((await publicIssuers(db)).map((i) => i.name)).toEqual(["Bộ Nội vụ", "Hội Cựu TNXP thành phố Hà Nội", "Hội Cựu TNXP tỉnh Tuyên Quang", "Trung ương Hội Cựu TNXP Việt Nam"]);
    expect(facets.types.length).toBeGreaterThanOrEqual(10);
    for (const code of facets.types) expect(DOCUMENT_TYPES.map((ty) => ty.code)).toContain(code);
    const published = await recentPublicDocuments(db, 100);
    expect(published.length).toBe(14);
    // A phrase from inside a PDF, typed without diacritics.
    const found = await searchPublicDocuments(db, { q: "khong gui danh sach qua thu dien tu", page: 1, pageSize: 10 });
    expect(found.rows.map((r) => r.numberSymbol)).toEqual(["37-HD/TWH"]);
    const [file] = await db.select().from(documentFiles).innerJoin(documents, eq(documents.id, documentFiles.documentId)).where(eq(documents.numberSymbol, "37-HD/TWH"));
    expect(file!.document_files.searchable).toBe(true);
    const read = await readDocumentFile(db, null, file!.document_files.id);
    expect(new TextDecoder().decode(read.bytes.slice(0, 5))).toBe("%PDF-");
  });

  it("keeps the state secret as a register entry without a file, and the internal report internal", async () => {
    const rows = await rowsOf<{ confidentiality: string; visibility: string; published: boolean; files: number }>(
      db,
      sql`select confidentiality, visibility, published_at is not null as published, (select count(*)::int from document_files f where f.document_id = d.id) as files
          from documents d where number_symbol in ('05-CV/TWH', '90-BC/HCCB') order by number_symbol`,
    );
    expect(rows).toEqual([
      { confidentiality: "secret", visibility: "internal", published: false, files: 0 },
      { confidentiality: "normal", visibility: "internal", published: false, files: 1 },
    ]);
  });
});
