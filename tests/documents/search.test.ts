import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, SEARCH_VECTOR_CHARS } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import { searchPublicDocuments } from "@/lib/documents/public";
import type { DocumentFields } from "@/lib/documents/schemas";
import { RANKED_MATCHES, SEARCH_COUNT_CAP, symbolPattern, textSearch } from "@/lib/documents/search";
import { createDocument, listDocuments, publiclyVisible, refreshSearchText, setDocumentPublished } from "@/lib/documents/service";
import { createTestDatabase } from "../helpers/db";
import { actorFor, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

let serial = 500;
/** A unique word of letters only (a digit would make it a symbol) that no other document has. */
const tagWord = () => `zq${String((serial += 1)).replace(/\d/g, (d) => "bcdfghjklm"[Number(d)]!)}x`;

async function publish(overrides: Partial<DocumentFields>) {
  const clerk = await actorFor(db, "hanoi.canbo");
  const unit = await unitByCode(db, "HA-NOI");
  serial += 1;
  const doc = await createDocument(db, clerk, {
    unitId: unit.id,
    numberSymbol: `${serial}-KH/HCCB`,
    typeCode: "KH",
    issuerUnitId: unit.id,
    issuerExternalId: null,
    issuerName: "",
    issuedOn: "2026-03-02",
    signer: "Trần Thị Ký",
    abstract: "Kế hoạch công tác",
    field: "Tuyên truyền",
    validity: "in_force",
    replacedById: null,
    urgency: "normal",
    confidentiality: "normal",
    visibility: "public",
    paperLocation: "",
    acceptDuplicate: true,
    ...overrides,
  });
  await setDocumentPublished(db, clerk, { id: doc.id, published: true });
  return doc.id;
}

/**
 * Many published documents at once (the service would take minutes for a thousand): the columns a
 * search reads, with search_text as refreshSearchText folds it. Newest first by `issued_on`.
 */
async function publishMany(count: number, word: string) {
  const unit = await unitByCode(db, "HA-NOI");
  await db.execute(sql`
    insert into documents (unit_id, number_symbol_raw, number_symbol, type_code, issued_on, abstract, search_text, published_at)
    select ${unit.id}, n || '-TB/' || ${word}, n || '-TB/' || ${word}, 'TB', date '2020-01-01' + n, 'Thông báo ' || ${word} || ' số ' || n,
           n || '-tb/' || ${word} || ' tb thong bao ' || ${word} || ' so ' || n, now()
    from generate_series(1, ${count}) as n`);
}

const search = (q: string, page = 1, pageSize = 20) => searchPublicDocuments(db, { q, page, pageSize });

describe("public library search", () => {
  it("matches whole syllables with diacritics ignored, not parts of longer words", async () => {
    const tag = tagWord();
    const info = await publish({ abstract: `Về kết nối thông tin ${tag}` });
    const count = await publish({ abstract: `Về cách tính điểm thi đua ${tag}` });
    expect((await search(`ket noi thong tin ${tag}`)).rows.map((r) => r.id)).toEqual([info]);
    expect((await search(`tính ${tag}`)).rows.map((r) => r.id)).toEqual([count]);
    // "tin" is a syllable of its own; it is not the start of "tính".
    expect((await search(`tin ${tag}`)).rows.map((r) => r.id)).toEqual([info]);
  });

  it("ranks the words spelled with the same diacritics first", async () => {
    const tag = tagWord();
    const road = await publish({ abstract: `${tag}: về sửa chữa đường giao thông`, issuedOn: "2026-03-05" });
    const ocean = await publish({ abstract: `${tag}: về bảo vệ môi trường biển Thái Bình Dương`, issuedOn: "2026-03-01" });
    expect((await search(`dương ${tag}`)).rows.map((r) => r.id)).toEqual([ocean, road]);
    expect((await search(`đường ${tag}`)).rows.map((r) => r.id)).toEqual([road, ocean]);
    // Without diacritics both match, newest first.
    expect((await search(`duong ${tag}`)).rows.map((r) => r.id)).toEqual([road, ocean]);
  });

  it("finds a number and symbol among the documents' own symbols, whole numbers only, đ typed as d or đ", async () => {
    const tag = tagWord().toUpperCase();
    const own = await publish({ numberSymbol: `374-TB/${tag}` });
    const longer = await publish({ numberSymbol: `1374-TB/${tag}` });
    const decision = await publish({ numberSymbol: `15/QĐ-${tag}`, typeCode: "QD" });
    await publish({ abstract: `Thực hiện Thông báo số 374-TB/${tag} của Hội` });
    const ids = async (q: string) => (await search(q)).rows.map((r) => r.id);
    expect(await ids(`374-TB/${tag}`)).toEqual([own]);
    expect(await ids(`374-tb/${tag.toLowerCase()}`)).toEqual([own]);
    expect((await ids(`1374-TB/${tag}`))).toEqual([longer]);
    expect(await ids(`15/QĐ-${tag}`)).toEqual([decision]);
    expect(await ids(`15/qd-${tag.toLowerCase()}`)).toEqual([decision]);
    expect((await textSearch(db, `374-TB/${tag}`, publiclyVisible))?.path).toBe("symbol");
    // No document has the symbol as its own: the documents that cite it.
    const cited = `999-CV/${tag}`;
    const citer = await publish({ abstract: `Trả lời Công văn số ${cited}` });
    expect((await textSearch(db, cited, publiclyVisible))?.path).toBe("text");
    expect(await ids(cited)).toEqual([citer]);
  });

  it("escapes what a typed symbol could mean to a regular expression", () => {
    expect(symbolPattern("1-kh")).toBe("(^|[^0-9])1\\-kh");
    expect(symbolPattern("15/qd-ubnd")).toBe("(^|[^0-9])15\\/q[dđ]\\-ubn[dđ]");
    expect(symbolPattern("tb.(a)+2026")).toBe("tb\\.\\(a\\)\\+2026([^0-9]|$)");
  });

  it("counts up to the cap, ranks the newest matches and pages on in date order without repeats", async () => {
    const word = tagWord();
    await publishMany(SEARCH_COUNT_CAP + 30, word);
    const first = await search(`thong bao ${word}`);
    expect(first).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(first.rows).toHaveLength(20);
    // Across the ranked part and the rest: every page full, no document twice.
    const pageSize = 50;
    const seen = new Set<string>();
    for (let page = 1; page <= (RANKED_MATCHES / pageSize) + 2; page++) {
      const { rows } = await search(`thong bao ${word}`, page, pageSize);
      expect(rows).toHaveLength(pageSize);
      for (const row of rows) {
        expect(seen.has(row.id)).toBe(false);
        seen.add(row.id);
      }
    }
    // Past the ranked part, newest first.
    const tail = (await search(`thong bao ${word}`, RANKED_MATCHES / pageSize + 1, pageSize)).rows.map((r) => r.issuedOn);
    expect(tail).toEqual([...tail].sort().reverse());
    // A narrower search counts exactly: the 366 days of 2020 after 1 January.
    const exact = await searchPublicDocuments(db, { q: `thong bao ${word}`, year: 2020, page: 1, pageSize: 20 });
    expect(exact).toMatchObject({ total: 365, totalCapped: false });
  });

  it("keeps facets and filters working beside the text", async () => {
    const tag = tagWord();
    const plan = await publish({ abstract: `Kế hoạch ${tag}`, typeCode: "KH", issuedOn: "2025-06-01" });
    const report = await publish({ abstract: `Báo cáo ${tag}`, typeCode: "BC", issuedOn: "2026-06-01" });
    const ids = async (extra: object) => (await searchPublicDocuments(db, { q: tag, page: 1, pageSize: 20, ...extra })).rows.map((r) => r.id);
    expect((await ids({})).sort()).toEqual([plan, report].sort());
    expect(await ids({ typeCode: "BC" })).toEqual([report]);
    expect(await ids({ year: 2025 })).toEqual([plan]);
  });

  it("never shows a secret or an internal document, and the workspace list finds them in scope only", async () => {
    const tag = tagWord();
    const clerk = await actorFor(db, "hanoi.canbo");
    const other = await actorFor(db, "tuyenquang.canbo");
    const unit = await unitByCode(db, "HA-NOI");
    const base = { unitId: unit.id, typeCode: "BC", issuerUnitId: unit.id, issuerExternalId: null, issuerName: "", issuedOn: "2026-02-02", signer: "", field: "", validity: "in_force" as const, replacedById: null, urgency: "normal" as const, paperLocation: "", acceptDuplicate: true };
    await createDocument(db, clerk, { ...base, numberSymbol: `21-BC/${tag}`, abstract: `Báo cáo mật ${tag}`, confidentiality: "secret", visibility: "internal" });
    await createDocument(db, clerk, { ...base, numberSymbol: `22-BC/${tag}`, abstract: `Báo cáo nội bộ ${tag}`, confidentiality: "normal", visibility: "internal" });
    expect((await search(tag)).total).toBe(0);
    expect((await search(`21-BC/${tag}`)).total).toBe(0);
    expect((await listDocuments(db, clerk, { q: tag, page: 1, pageSize: 20 })).total).toBe(2);
    expect((await listDocuments(db, clerk, { q: `22-bc/${tag}`, page: 1, pageSize: 20 })).rows.map((r) => r.numberSymbol)).toEqual([`22-BC/${tag.toUpperCase()}`]);
    expect((await listDocuments(db, other, { q: tag, page: 1, pageSize: 20 })).total).toBe(0);
  });

  it("keeps a document whose text is as large as files allow, searchable as far as the vector goes", async () => {
    const tag = tagWord();
    const id = await publish({ abstract: `Phụ lục số liệu ${tag}` });
    // Distinct numbers, the worst case for the vector's size: far more than 1 MB of them.
    const numbers = Array.from({ length: 200_000 }, (_, i) => String(100_000 + i)).join(" ");
    await db.update(documents).set({ searchText: sql`${documents.searchText} || ${` ${numbers} cuoivanban${tag}`}` }).where(eq(documents.id, id));
    const [row] = await db.select({ length: sql<number>`length(${documents.searchText})` }).from(documents).where(eq(documents.id, id));
    expect(row!.length).toBeGreaterThan(SEARCH_VECTOR_CHARS);
    expect((await search(`phu luc ${tag}`)).rows.map((r) => r.id)).toEqual([id]);
    // Beyond the first SEARCH_VECTOR_CHARS characters words are not indexed.
    expect((await search(`cuoivanban${tag}`)).total).toBe(0);
    // The service's own refresh writes the text back within the limit again.
    await refreshSearchText(db, id);
    expect((await search(`phu luc ${tag}`)).rows.map((r) => r.id)).toEqual([id]);
  });
});
