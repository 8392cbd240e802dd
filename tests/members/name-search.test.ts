import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { members } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import type { DatabaseHandle, Db } from "@/lib/db";
import { foldVietnamese } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import { requestTransfer } from "@/lib/members/lifecycle";
import { addParticipation } from "@/lib/members/participation";
import { SEARCH_COUNT_CAP } from "@/lib/members/name-search";
import { listMembers } from "@/lib/members/service";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeMember, makeUser, unitByCode } from "../helpers/fixtures";

/**
 * listMembers' name search against the rule written out plainly, in JavaScript, over every
 * member the actor may see: the query (folded, or as typed when it has diacritics) inside the
 * family and middle names, or touching the given name (compared by its letters) — inside it for
 * one word; for several, the last at the start of the given name and the others ending the
 * middle names. Exact spellings first when the query has diacritics; then by sort key and id.
 * Pages of 9 over several queries and actors (the first hundred or so rows of each), so page
 * boundaries, the capped count and the scope are all exercised.
 */

let handle: DatabaseHandle;
let db: Db;
let root: Actor;
let hanoi: Actor;
let tuyenQuang: Actor;

interface Known {
  id: string;
  fullName: string;
  sortKey: string;
}

const byKey = (a: Known, b: Known) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

async function visibleTo(actor: Actor): Promise<Known[]> {
  const { rows } = await listMembers(db, actor, { page: 1, pageSize: 100_000 });
  const known: Known[] = [];
  for (let i = 0; i < rows.length; i += 5_000) {
    const ids = rows.slice(i, i + 5_000).map((r) => r.id);
    known.push(...(await db.select({ id: members.id, fullName: members.fullName, sortKey: members.sortKey }).from(members).where(inArray(members.id, ids))));
  }
  return known;
}

const lettersOf = (word: string) => [...word].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).join("");

function matcher(text: string, fold: (s: string) => string) {
  const words = text.split(" ");
  const last = fold(lettersOf(words.at(-1)!));
  const before = words.slice(0, -1).join(" ");
  return (m: Known) => {
    const parts = m.fullName.trim().split(/\s+/);
    const rest = fold(parts.slice(0, -1).join(" "));
    const given = fold(lettersOf(parts.at(-1) ?? ""));
    if (rest.includes(text)) return true;
    if (!last) return false;
    return words.length === 1 ? given.includes(last) : given.startsWith(last) && rest.endsWith(before);
  };
}

function expected(all: Known[], q: string, dir: "asc" | "desc" = "asc"): string[] {
  const typed = q.normalize("NFC").toLowerCase().trim().replace(/\s+/g, " ");
  const folded = foldVietnamese(typed);
  const matches = all.filter(matcher(folded, foldVietnamese)).sort((a, b) => (dir === "asc" ? byKey(a, b) : byKey(b, a)));
  if (folded === typed) return matches.map((m) => m.id);
  const exact = matcher(typed, (s) => s.normalize("NFC").toLowerCase());
  return [...matches.filter(exact), ...matches.filter((m) => !exact(m))].map((m) => m.id);
}

async function allPages(actor: Actor, q: string, pageSize: number, dir: "asc" | "desc" = "asc", maxPages = 400) {
  const ids: string[] = [];
  const totals = new Set<string>();
  for (let page = 1; page <= maxPages; page++) {
    const result = await listMembers(db, actor, { q, page, pageSize, dir });
    totals.add(`${result.total}${result.totalCapped ? "+" : ""}`);
    ids.push(...result.rows.map((r) => r.id));
    if (result.rows.length < pageSize) break;
  }
  return { ids, totals: [...totals] };
}

const totalFor = (count: number) => (count > SEARCH_COUNT_CAP ? `${SEARCH_COUNT_CAP}+` : `${count}`);

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  root = await actorFor(db, (await makeUser(db, { unitCode: "TW" })).username);
  hanoi = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI" })).username);
  tuyenQuang = await actorFor(db, (await makeUser(db, { unitCode: "TUYEN-QUANG" })).username);

  // Enough of one family/middle word to pass the count cap (the search then walks the index),
  // names that differ only in their diacritics, punctuation, a one-word name and a name whose
  // given name is only a prefix of the query's last word.
  const hanoiUnit = await unitByCode(db, "HA-NOI-BA-DINH");
  const rows = Array.from({ length: 1_300 }, (_, i) => {
    const fullName = `Kiều Thị ${["Ánh", "Lan", "Lành", "Xuân Lan", "Hương", "Hường", "Phương", "Tuấn"][i % 8]!}${i % 50 === 0 ? " Hương" : ""}`;
    return { fullName, nameFolded: foldVietnamese(fullName), sortKey: personNameSortKey(fullName), unitId: hanoiUnit.id, birthDate: "1990-01-01" };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(members).values(rows.slice(i, i + 500));
  for (const fullName of ["Trần Văn Dương", "Đỗ Thị Đường", "Ngô Thị Đương", "Bùi Duong Anh", "Nguyễn Văn Dưỡng", "H'Hen Niê", "Kiềuvy", "Lê Văn Vỹ", "Lê Thị Vy", "Đặng Lan_Anh", "Phạm 100% Lan", "Võ Thị Anh-Thư", "Lý Văn Hùng  Cường", "Nguyên Thị Hạnh", "Nguyễn Thi Hoa", "Kiêu Thi Hồng", "Kiều Thị Ánh Hồng"]) {
    await makeMember(db, hanoiUnit.id, { fullName });
  }
  // Visible to Tuyên Quang only through a participation and a pending transfer.
  const student = await makeMember(db, hanoiUnit.id, { fullName: "Lò Thị Lan Sinh" });
  await addParticipation(db, hanoi, { memberId: student.id, unitId: (await unitByCode(db, "TUYEN-QUANG")).id });
  const moving = await makeMember(db, hanoiUnit.id, { fullName: "Vàng Văn Lan Chuyển" });
  await requestTransfer(db, hanoi, { memberId: moving.id, toUnitId: (await unitByCode(db, "TUYEN-QUANG")).id, reason: "" });
}, 120_000);
afterAll(async () => handle?.close());

const QUERIES = [
  "lan", "Lan", "lành", "xuân lan", "thi lan", "kieu thi", "kiều thị", "thi", "Hương", "huong", "hương", "phương", "tuan", "Tuấn",
  "nguyen van", "Nguyễn Văn", "nguyen thi h", "dương", "duong", "đường", "h'hen", "hen", "vy", "Vỹ", "an", "a", "100%", "lan_anh", "zzzz", "thi  lan ", "anhthu", "anh-thu", "thị anh-thư", "hung cuong", "van hung", "ly van hung c", "nguyễn thị h", "văn", "yến", "thành", "kieu thi l", "kiều thị l", "kieu thi a", "kiều thị h",
];

describe("name search", () => {
  it("pages through exactly the matches, in order, for the root, a province and a neighbour", async () => {
    let passedTheCap = false;
    for (const actor of [root, hanoi, tuyenQuang]) {
      const all = await visibleTo(actor);
      for (const q of QUERIES) {
        const want = expected(all, q);
        const got = await allPages(actor, q, 9, "asc", Math.ceil(Math.min(want.length, 100) / 9) + 1);
        expect(got.ids, `${q} (${want.length} matches)`).toEqual(want.slice(0, got.ids.length));
        expect(got.ids.length, q).toBe(Math.min(want.length, 9 * (Math.ceil(Math.min(want.length, 100) / 9) + 1)));
        expect(got.totals, q).toEqual([totalFor(want.length)]);
        passedTheCap ||= want.length > SEARCH_COUNT_CAP;
      }
    }
    expect(passedTheCap, "some query has more matches than the count shows").toBe(true);
  }, 600_000);

  it("a deep page past the count cap and a reversed order agree with the reference", async () => {
    const all = await visibleTo(root);
    for (const q of ["thi", "kieu thi lan", "Hương", "lan"]) {
      const want = expected(all, q);
      for (const page of [1, 3, 30]) {
        const { rows } = await listMembers(db, root, { q, page, pageSize: 50 });
        expect(rows.map((r) => r.id), `${q} page ${page}`).toEqual(want.slice((page - 1) * 50, page * 50));
      }
      const desc = expected(all, q, "desc");
      const { rows } = await listMembers(db, root, { q, page: 2, pageSize: 50, dir: "desc" });
      expect(rows.map((r) => r.id), `${q} desc`).toEqual(desc.slice(50, 100));
    }
  }, 120_000);

  it("counts up to the cap and says when there are more", async () => {
    const many = await listMembers(db, root, { q: "kieu thi", page: 1, pageSize: 50 });
    expect(many).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(many.rows).toHaveLength(50);
    const few = await listMembers(db, root, { q: "dương", page: 1, pageSize: 50 });
    expect(few.totalCapped).toBe(false);
    expect(few.total).toBe(few.rows.length);
    // A list without a search still counts everything.
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const plain = await listMembers(db, root, { unitId: ward.id, page: 1, pageSize: 10 });
    expect(plain.totalCapped).toBe(false);
    expect(plain.total).toBeGreaterThan(SEARCH_COUNT_CAP);
  });

  it("ranks exact diacritics first only when the query has diacritics", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const ours = new Set(["Trần Văn Dương", "Đỗ Thị Đường", "Ngô Thị Đương", "Bùi Duong Anh", "Nguyễn Văn Dưỡng"]);
    const names = async (q: string) => (await listMembers(db, hanoi, { q, unitId: ward.id, page: 1, pageSize: 200 })).rows.map((r) => r.fullName).filter((n) => ours.has(n));
    // Unaccented: every spelling alike, in name order (đ sorts after d).
    expect(await names("duong")).toEqual(["Bùi Duong Anh", "Trần Văn Dương", "Nguyễn Văn Dưỡng", "Ngô Thị Đương", "Đỗ Thị Đường"]);
    expect(await names("dương")).toEqual(["Trần Văn Dương", "Bùi Duong Anh", "Nguyễn Văn Dưỡng", "Ngô Thị Đương", "Đỗ Thị Đường"]);
    expect(await names("Đường")).toEqual(["Đỗ Thị Đường", "Bùi Duong Anh", "Trần Văn Dương", "Nguyễn Văn Dưỡng", "Ngô Thị Đương"]);
  });

  it("sorting a search by birth date keeps the same matches and the scope", async () => {
    const all = await visibleTo(hanoi);
    const want = new Set(expected(all, "lan"));
    const seen: string[] = [];
    for (let page = 1; page <= 400; page++) {
      const { rows } = await listMembers(db, hanoi, { q: "lan", sort: "birthDate", dir: "desc", page, pageSize: 200 });
      seen.push(...rows.map((r) => r.id));
      const dates = rows.flatMap((r) => r.birthDate ?? []);
      for (let i = 1; i < dates.length; i++) expect(dates[i - 1]! >= dates[i]!).toBe(true);
      if (rows.length < 200) break;
    }
    expect(new Set(seen)).toEqual(want);
    expect(seen).toHaveLength(want.size);
    const accented = await listMembers(db, hanoi, { q: "Lành", sort: "joinedOn", page: 1, pageSize: 20 });
    const exact = accented.rows.map((r) => r.fullName.toLowerCase().includes("lành"));
    expect(exact[0]).toBe(true);
    expect(exact).toEqual([...exact].sort((a, b) => Number(b) - Number(a)));
  }, 120_000);
});
