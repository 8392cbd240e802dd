import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, documentViewMarks } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle, Db } from "@/lib/db";
import type { DocumentFields } from "@/lib/documents/schemas";
import { createDocument, setDocumentPublished } from "@/lib/documents/service";
import { answerDocumentViewBeacon, countDocumentView, pruneDocumentViewMarks, VIEW_WINDOW_MINUTES, visitorKey } from "@/lib/documents/views";
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

let serial = 700;
async function makeDocument(overrides: Partial<DocumentFields> = {}, publish = true) {
  const clerk = await actorFor(db, "hanoi.canbo");
  const unit = await unitByCode(db, "HA-NOI");
  serial += 1;
  const doc = await createDocument(db, clerk, {
    unitId: unit.id, numberSymbol: `${serial}-TB/HCCB`, typeCode: "TB", issuerUnitId: unit.id, issuerExternalId: null, issuerName: "", issuedOn: "2026-05-05",
    signer: "", abstract: "Thông báo lịch sinh hoạt", field: "", validity: "in_force", replacedById: null, urgency: "normal", confidentiality: "normal",
    visibility: "public", paperLocation: "", acceptDuplicate: true, ...overrides,
  });
  if (publish) await setDocumentPublished(db, clerk, { id: doc.id, published: true });
  return doc.id;
}

const views = async (id: string) => (await db.select({ n: documents.viewCount }).from(documents).where(eq(documents.id, id)))[0]!.n;
const marks = async (id: string) => (await db.select({ n: sql<number>`count(*)::int` }).from(documentViewMarks).where(eq(documentViewMarks.documentId, id)))[0]!.n;

const beacon = (id: string, headers: Record<string, string>) =>
  answerDocumentViewBeacon(db, new Request(`http://127.0.0.1:3000/api/van-ban/${id}/luot-xem`, { method: "POST", headers: { host: "127.0.0.1:3000", ...headers } }), id);

describe("document views", () => {
  it("counts a visitor once per document per window, and each visitor", async () => {
    const id = await makeDocument();
    expect(await countDocumentView(db, id, "visitor-a")).toBe(true);
    expect(await countDocumentView(db, id, "visitor-a")).toBe(false);
    expect(await countDocumentView(db, id, "visitor-b")).toBe(true);
    expect(await views(id)).toBe(2);
    // Once the window has passed, the same visitor counts again.
    await db.update(documentViewMarks).set({ countedAt: sql`now() - make_interval(mins => ${VIEW_WINDOW_MINUTES + 1})` }).where(eq(documentViewMarks.visitor, "visitor-a"));
    expect(await countDocumentView(db, id, "visitor-a")).toBe(true);
    expect(await views(id)).toBe(3);
  });

  it("never counts or marks a document that is not public", async () => {
    const draft = await makeDocument({}, false);
    const secret = await makeDocument({ confidentiality: "secret", visibility: "internal" }, false);
    for (const id of [draft, secret]) {
      expect(await countDocumentView(db, id, "visitor-c")).toBe(false);
      expect(await views(id)).toBe(0);
      expect(await marks(id)).toBe(0);
    }
    expect(await countDocumentView(db, "00000000-0000-4000-8000-000000000000", "visitor-c")).toBe(false);
  });

  it("prunes marks older than the window and keeps the others", async () => {
    const id = await makeDocument();
    await countDocumentView(db, id, "old");
    await countDocumentView(db, id, "new");
    await db.update(documentViewMarks).set({ countedAt: sql`now() - make_interval(mins => ${VIEW_WINDOW_MINUTES + 5})` }).where(eq(documentViewMarks.visitor, "old"));
    await pruneDocumentViewMarks(db);
    expect((await db.select({ visitor: documentViewMarks.visitor }).from(documentViewMarks).where(eq(documentViewMarks.documentId, id))).map((m) => m.visitor)).toEqual(["new"]);
  });

  it("tells visitors apart by address and browser without keeping either", () => {
    const a = visitorKey("203.0.113.7", "Firefox");
    expect(a).toBe(visitorKey("203.0.113.7", "Firefox"));
    expect(a).not.toBe(visitorKey("203.0.113.8", "Firefox"));
    expect(a).not.toBe(visitorKey("203.0.113.7", "Chrome"));
    expect(a).not.toContain("203");
    expect(a).toHaveLength(22);
  });

  it("answers the beacon with 204 and counts it; another site's post is refused and not counted", async () => {
    const id = await makeDocument();
    const browser = { "user-agent": "Mozilla/5.0 test", "x-forwarded-for": "198.51.100.4" };
    expect((await beacon(id, { ...browser, "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" })).status).toBe(204);
    expect((await beacon(id, { ...browser, "sec-fetch-site": "same-origin" })).status).toBe(204);
    expect(await views(id)).toBe(1);
    expect((await beacon(id, { ...browser, "x-forwarded-for": "198.51.100.5", "sec-fetch-site": "cross-site", origin: "https://evil.example" })).status).toBe(403);
    expect((await beacon(id, { ...browser, "x-forwarded-for": "198.51.100.6", origin: "https://evil.example" })).status).toBe(403);
    expect(await views(id)).toBe(1);
    // Not a document id, or not public: the same answer, nothing counted.
    expect((await beacon("x", { ...browser, "sec-fetch-site": "same-origin" })).status).toBe(204);
  });
});
