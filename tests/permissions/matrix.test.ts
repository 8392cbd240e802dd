import fs from "node:fs";
import path from "node:path";
import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleCategories, articles, auditLog, meetingMinutes, meetings, meetingSeries, memberCorrections, memberParticipations, memberTransfers, orgSettings, units, type RoleName, type Unit } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DefinedAction } from "@/lib/actions/define";
import { ROLES } from "@/lib/auth/permissions";
import type { DatabaseHandle, Db } from "@/lib/db";
import { pathLabel } from "@/lib/org/units";
import { todayInVietnam } from "@/lib/i18n/format";
import { createTestDatabase } from "../helpers/db";
import { makeMeeting } from "../meetings/participation-fixtures";
import { makeAlbum, makePublication } from "../publications/fixtures";
import { SITE_ACTION_INPUTS } from "../portal/site-fixtures";
import { actorFor, addRole, FIXTURE_PASSWORD, makeDocument, makeDocumentFile, makeImportBatch, makeMember, makeUser, rowsOf, uniqueCode, uniqueName, unitByCode } from "../helpers/fixtures";

/**
 * Every server action × every role × {own unit, a descendant unit, a unit in another province,
 * no session}. The acting user holds the role at the Hà Nội provincial unit. Each case states
 * what it expects; a denial must also leave every table as it was (the audit log may only gain
 * "denied" entries). The test fails when a server action exists that this table does not list.
 */

type Target = "own" | "descendant" | "other";
const TARGETS: Target[] = ["own", "descendant", "other"];
const STRONG = () => `Sông Hồng chảy qua ${uniqueName("p")} mùa lũ`;

interface CaseContext {
  db: Db;
  target: Unit;
  actorUserId: string;
}

interface MatrixRow {
  /** Which (role, target) pairs succeed; everything else, and every call without a session, is refused. */
  allowed: Partial<Record<RoleName, Target[]>>;
  input: (ctx: CaseContext) => Promise<unknown>;
}

const ALL_ROLES_ANY_TARGET = Object.fromEntries(ROLES.map((r) => [r, TARGETS])) as Record<RoleName, Target[]>;
const ADMIN_IN_SUBTREE: Partial<Record<RoleName, Target[]>> = { administrator: ["own", "descendant"] };
/** Member records are kept by officers and administrators of the unit and above. */
const MEMBER_KEEPERS: Partial<Record<RoleName, Target[]>> = { administrator: ["own", "descendant"], officer: ["own", "descendant"] };

/** Document records are kept by clerks, officers and administrators of the unit and above. */
const DOCUMENT_KEEPERS: Partial<Record<RoleName, Target[]>> = {
  administrator: ["own", "descendant"],
  officer: ["own", "descendant"],
  clerk: ["own", "descendant"],
};

/** Meetings are kept (attendance, minutes) by those holding meeting.manage over the unit and above. */
const MEETING_KEEPERS: Partial<Record<RoleName, Target[]>> = {
  administrator: ["own", "descendant"],
  leader: ["own", "descendant"],
  officer: ["own", "descendant"],
  clerk: ["own", "descendant"],
};

/** Publications and the media library are run by editors and administrators of the unit and above. */
const PORTAL_EDITORS: Partial<Record<RoleName, Target[]>> = { administrator: ["own", "descendant"], editor: ["own", "descendant"] };

/** Articles are written by collaborators, editors and administrators of the unit and above. */
const ARTICLE_WRITERS: Partial<Record<RoleName, Target[]>> = { ...PORTAL_EDITORS, collaborator: ["own", "descendant"] };

/** An article of the target unit, made directly in the table, with a readable body. */
async function makeArticle(db: Db, target: Unit, overrides: Partial<typeof articles.$inferInsert> = {}): Promise<string> {
  const [category] = await db.insert(articleCategories).values({ name: "Chuyên mục thử", slug: uniqueName("cm") }).returning({ id: articleCategories.id });
  const [row] = await db
    .insert(articles)
    .values({ unitId: target.id, categoryId: category!.id, title: "Tin thử", slug: uniqueName("tin"), bodyHtml: "<p>Nội dung thử.</p>", ...overrides })
    .returning({ id: articles.id });
  return row!.id;
}

/** A unit made directly in the table, under a parent, for actions that change units. */
async function makeUnit(db: Db, parent: Unit, level = parent.level + 1): Promise<Unit> {
  const id = crypto.randomUUID();
  const [row] = await db
    .insert(units)
    .values({ id, name: `Đơn vị thử ${uniqueName("d")}`, code: uniqueCode("M"), level, parentId: parent.id, path: `${parent.path}.${pathLabel(id)}` })
    .returning();
  return row!;
}

async function userAt(db: Db, unit: Unit, role: RoleName | null = "member") {
  return makeUser(db, { unitCode: unit.code, role });
}

// ── meetings: series and meetings (issue 7) — kept by those holding meeting.manage over the unit and above.
const MEETING_MANAGERS: Partial<Record<RoleName, Target[]>> = {
  administrator: ["own", "descendant"],
  leader: ["own", "descendant"],
  officer: ["own", "descendant"],
  clerk: ["own", "descendant"],
};
/** A Monday two weeks or so ahead (yyyy-MM-dd), so nothing meets "the past". */
function mondayAhead(): string {
  const day = new Date(`${todayInVietnam()}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 14 - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
const vnDay = (day: string) => day.split("-").reverse().join("/");
async function makeSeriesRow(db: Db, target: Unit) {
  const [row] = await db.insert(meetingSeries).values({ unitId: target.id, title: "Giao ban thử", rrule: "FREQ=WEEKLY;BYDAY=MO", startsOn: mondayAhead(), startTime: "09:00", durationMinutes: 90 }).returning();
  return row!;
}
async function makeMeetingRow(db: Db, target: Unit) {
  const startsAt = new Date(`${mondayAhead()}T02:00:00Z`);
  const [row] = await db.insert(meetings).values({ unitId: target.id, title: "Họp thử", startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000) }).returning();
  return row!;
}

/** Rooms are kept by the unit's office; anyone who runs meetings books them (issue 7). */
const ROOM_KEEPERS: Partial<Record<RoleName, Target[]>> = { administrator: ["own", "descendant"], clerk: ["own", "descendant"] };
const MEETING_BOOKERS: Partial<Record<RoleName, Target[]>> = {
  administrator: ["own", "descendant"],
  leader: ["own", "descendant"],
  officer: ["own", "descendant"],
  clerk: ["own", "descendant"],
};

/** A meeting room of the target unit that waits for its office's approval, made directly in the table. */
async function makeRoom(db: Db, target: Unit): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(db, sql`insert into meeting_rooms (unit_id, name, kind) values (${target.id}, ${`Phòng thử ${uniqueName("r")}`}, 'physical') returning id`);
  return row!.id;
}

export const MATRIX: Record<string, MatrixRow> = {
  "org.updateSettings": {
    // Organisation-wide: only an administrator of the root (see the root test below).
    allowed: {},
    input: async () => ({
      orgName: "Tổ chức thử",
      shortName: "TCT",
      memberTerm: "hội viên",
      levelNames: ["Trung ương", "Tỉnh", "Cơ sở", "Chi hội", "Tổ", "Nhóm"],
      numberingStyle: "ND30",
      address: "",
      phone: "",
      email: "",
    }),
  },
  "org.createUnit": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ target }) => ({ parentId: target.id, name: `Chi hội ${uniqueName("c")}`, code: uniqueCode("N"), level: target.level + 1 }),
  },
  "org.updateUnit": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ target }) => ({ id: target.id, name: `${target.name.split(" — ")[0]} — ${uniqueName("r")}`, code: target.code }),
  },
  "org.moveUnit": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ db, target }) => {
      const from = await makeUnit(db, target);
      const to = await makeUnit(db, target);
      const moving = await makeUnit(db, from);
      return { id: moving.id, newParentId: to.id };
    },
  },
  "org.mergeUnit": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ db, target }) => {
      const dissolving = await makeUnit(db, target);
      const successor = await makeUnit(db, target);
      return { id: dissolving.id, targetId: successor.id, effectiveOn: todayInVietnam(), note: "Thử sáp nhập" };
    },
  },
  "account.createUser": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ target }) => ({
      username: uniqueName("n"),
      fullName: "Người Mới Thử",
      email: "",
      homeUnitId: target.id,
      role: "member",
      temporaryPassword: STRONG(),
    }),
  },
  "account.updateUser": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ db, target }) => {
      const user = await userAt(db, target);
      return { id: user.id, fullName: "Tên Đã Sửa", email: "", homeUnitId: target.id };
    },
  },
  "account.setUserDisabled": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ db, target }) => ({ id: (await userAt(db, target)).id, disabled: true }),
  },
  "account.resetPassword": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ db, target }) => ({ id: (await userAt(db, target)).id, temporaryPassword: STRONG() }),
  },
  "account.assignRole": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ db, target }) => ({ userId: (await userAt(db, target, null)).id, role: "clerk", unitId: target.id }),
  },
  "account.removeRole": {
    allowed: ADMIN_IN_SUBTREE,
    input: async ({ db, target }) => {
      const user = await userAt(db, target, null);
      return { assignmentId: await addRole(db, user.id, "clerk", target.code) };
    },
  },
  "account.changeOwnPassword": {
    // One's own account: the target unit plays no part.
    allowed: ALL_ROLES_ANY_TARGET,
    input: async () => {
      const next = STRONG();
      return { currentPassword: FIXTURE_PASSWORD, newPassword: next, confirmPassword: next };
    },
  },
  "account.updateOwnProfile": {
    allowed: ALL_ROLES_ANY_TARGET,
    input: async () => ({ fullName: "Tên Tự Sửa", email: "" }),
  },
  "member.create": {
    allowed: MEMBER_KEEPERS,
    input: async ({ target }) => ({ unitId: target.id, mode: "record", fullName: "Trần Thị Thử", birthDate: "1970-02-03", gender: "female", ethnicity: "Kinh" }),
  },
  "member.update": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const member = await makeMember(db, target.id);
      return { id: member.id, version: member.version, fullName: `${member.fullName} Sửa`, birthDate: member.birthDate };
    },
  },
  "member.recordEvaluations": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const member = await makeMember(db, target.id);
      return { unitId: target.id, year: 2025, results: [{ memberId: member.id, level: "good" }] };
    },
  },
  "member.recordExit": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const member = await makeMember(db, target.id);
      return { memberIds: [member.id], kind: "left", occurredOn: todayInVietnam(), reason: "Chuyển đi nơi khác" };
    },
  },
  "member.requestTransfer": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const member = await makeMember(db, target.id);
      const elsewhere = await unitByCode(db, "HO-CHI-MINH");
      return { memberId: member.id, toUnitId: elsewhere.id, reason: "Chuyển nơi cư trú" };
    },
  },
  "member.decideTransfer": {
    // The receiving side decides.
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const from = await unitByCode(db, "HO-CHI-MINH");
      const member = await makeMember(db, from.id, { status: "in_transit" });
      const [transfer] = await db.insert(memberTransfers).values({ memberId: member.id, fromUnitId: from.id, toUnitId: target.id }).returning();
      return { transferId: transfer!.id, accept: true, placeUnitId: "", note: "" };
    },
  },
  "member.requestCorrection": {
    // Anyone asks about their own record, wherever it is kept.
    allowed: ALL_ROLES_ANY_TARGET,
    input: async ({ db, target, actorUserId }) => {
      if (actorUserId) await makeMember(db, target.id, { userId: actorUserId });
      return { changes: { phone: "0912345678" }, note: "Số mới" };
    },
  },
  "member.decideCorrection": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const member = await makeMember(db, target.id);
      const [correction] = await db.insert(memberCorrections).values({ memberId: member.id, changes: { phone: "0987654321" } }).returning();
      return { correctionId: correction!.id, approve: true };
    },
  },
  "member.addParticipation": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const member = await makeMember(db, target.id);
      return { memberId: member.id, unitId: (await unitByCode(db, "HO-CHI-MINH")).id };
    },
  },
  "member.removeParticipation": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => {
      const member = await makeMember(db, target.id);
      const [row] = await db.insert(memberParticipations).values({ memberId: member.id, unitId: (await unitByCode(db, "HO-CHI-MINH")).id }).returning();
      return { participationId: row!.id };
    },
  },
  "member.importMapping": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => ({ batchId: (await makeImportBatch(db, target.id)).id, mapping: { "0": "fullName", "1": "birthDate" } }),
  },
  "member.importFixRow": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => ({ batchId: (await makeImportBatch(db, target.id)).id, rowNumber: 2, values: { fullName: "Lê Thị Sửa", birthDate: "02/02/1990" } }),
  },
  "member.importDecide": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => ({ batchId: (await makeImportBatch(db, target.id)).id, rowNumbers: [2], decision: "skip" }),
  },
  "member.importCommit": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => ({ batchId: (await makeImportBatch(db, target.id)).id }),
  },
  "member.importDiscard": {
    allowed: MEMBER_KEEPERS,
    input: async ({ db, target }) => ({ batchId: (await makeImportBatch(db, target.id)).id }),
  },
  "document.create": {
    allowed: DOCUMENT_KEEPERS,
    input: async ({ target }) => ({
      unitId: target.id,
      numberSymbol: `${Math.floor(Math.random() * 90000) + 10}/QĐ-THU`,
      typeCode: "QĐ",
      issuerName: "Cơ quan thử nghiệm",
      issuedOn: "2026-05-04",
      abstract: "Quyết định thử quyền",
    }),
  },
  "document.update": {
    allowed: DOCUMENT_KEEPERS,
    input: async ({ db, target }) => {
      const doc = await makeDocument(db, target.id);
      return { id: doc.id, version: doc.version, unitId: target.id, numberSymbol: doc.numberSymbolRaw, typeCode: "TB", issuerUnitId: target.id, issuedOn: doc.issuedOn, abstract: "Trích yếu đã sửa" };
    },
  },
  "document.setPublished": {
    allowed: DOCUMENT_KEEPERS,
    input: async ({ db, target }) => ({ id: (await makeDocument(db, target.id)).id, published: true }),
  },
  "document.removeFile": {
    allowed: DOCUMENT_KEEPERS,
    input: async ({ db, target }) => ({ fileId: (await makeDocumentFile(db, (await makeDocument(db, target.id)).id)).id }),
  },
  // Publications and media (lib/publications); fixtures are rows only, no files.
  "publication.publish": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ id: (await makePublication(db, target.id)).id }),
  },
  "publication.unpublish": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ id: (await makePublication(db, target.id, { publishedAt: new Date() })).id }),
  },
  "publication.delete": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ id: (await makePublication(db, target.id)).id }),
  },
  "media.createAlbum": {
    allowed: PORTAL_EDITORS,
    input: async ({ target }) => ({ unitId: target.id, title: `Album ${uniqueName("a")}`, description: "", takenOn: "" }),
  },
  "media.updateAlbum": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => {
      const { album } = await makeAlbum(db, target.id);
      return { id: album.id, unitId: target.id, title: `${album.title} (sửa)`, description: "", takenOn: "" };
    },
  },
  "media.publishAlbum": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ id: (await makeAlbum(db, target.id, { items: 1 })).album.id }),
  },
  "media.unpublishAlbum": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ id: (await makeAlbum(db, target.id, { items: 1, published: true })).album.id }),
  },
  "media.deleteAlbum": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ id: (await makeAlbum(db, target.id, { items: 1 })).album.id }),
  },
  "media.addVideoLink": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ albumId: (await makeAlbum(db, target.id)).album.id, url: "https://youtu.be/dQw4w9WgXcQ", caption: "" }),
  },
  "media.updateCaption": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ itemId: (await makeAlbum(db, target.id, { items: 1 })).items[0]!.id, caption: "Chú thích mới" }),
  },
  "media.removeItem": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ itemId: (await makeAlbum(db, target.id, { items: 1 })).items[0]!.id }),
  },
  "media.moveItem": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ itemId: (await makeAlbum(db, target.id, { items: 2 })).items[1]!.id, direction: "up" }),
  },
  // The portal's site furniture (lib/portal/site): organisation-wide, so no (role, target) pair here;
  // tests/portal/site-root.test.ts runs each at the root (administrators and editors allowed).
  "site.createCategory": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.createCategory"]!(db) },
  "site.updateCategory": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.updateCategory"]!(db) },
  "site.moveCategory": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.moveCategory"]!(db) },
  "site.reorderCategory": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.reorderCategory"]!(db) },
  "site.setCategoryActive": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.setCategoryActive"]!(db) },
  "site.deleteCategory": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.deleteCategory"]!(db) },
  "site.deleteBanner": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.deleteBanner"]!(db) },
  "site.createLink": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.createLink"]!(db) },
  "site.updateLink": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.updateLink"]!(db) },
  "site.reorderLink": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.reorderLink"]!(db) },
  "site.setLinkActive": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.setLinkActive"]!(db) },
  "site.deleteLink": { allowed: {}, input: ({ db }) => SITE_ACTION_INPUTS["site.deleteLink"]!(db) },
  "site.updatePage": {
    // An organisation page: only portal.manage held at the root (tests/portal/pages.test.ts runs it there).
    allowed: {},
    input: async ({ db }) => ({
      key: "lien-he",
      title: "Liên hệ",
      bodyHtml: "<p>Văn phòng Trung ương Hội.</p>",
      version: (await rowsOf<{ v: number }>(db, sql`select coalesce(max(version), 0)::int as v from portal_pages where key = 'lien-he'`))[0]!.v,
    }),
  },
  // Articles: writers (collaborators, editors, administrators) submit and comment on their own; the
  // review steps are editors' and administrators' of the article's unit and above.
  "article.submit": { allowed: ARTICLE_WRITERS, input: async ({ db, target, actorUserId }) => ({ id: await makeArticle(db, target, { authorId: actorUserId || null }) }) },
  "article.comment": { allowed: ARTICLE_WRITERS, input: async ({ db, target, actorUserId }) => ({ id: await makeArticle(db, target, { authorId: actorUserId || null }), comment: "Góp ý thử" }) },
  "article.approve": { allowed: PORTAL_EDITORS, input: async ({ db, target }) => ({ id: await makeArticle(db, target, { status: "submitted" }) }) },
  "article.return": { allowed: PORTAL_EDITORS, input: async ({ db, target }) => ({ id: await makeArticle(db, target, { status: "submitted" }), comment: "Sửa lại" }) },
  "article.reject": { allowed: PORTAL_EDITORS, input: async ({ db, target }) => ({ id: await makeArticle(db, target, { status: "submitted" }), comment: "Không phù hợp" }) },
  "article.publish": { allowed: PORTAL_EDITORS, input: async ({ db, target }) => ({ id: await makeArticle(db, target, { status: "submitted" }) }) },
  "article.schedule": {
    allowed: PORTAL_EDITORS,
    input: async ({ db, target }) => ({ id: await makeArticle(db, target, { status: "approved" }), publishAt: `${Number(todayInVietnam().slice(0, 4)) + 1}-01-02T08:00` }),
  },
  "article.unschedule": { allowed: PORTAL_EDITORS, input: async ({ db, target }) => ({ id: await makeArticle(db, target, { status: "scheduled", publishAt: new Date(Date.now() + 86_400_000) }) }) },
  "article.unpublish": { allowed: PORTAL_EDITORS, input: async ({ db, target }) => ({ id: await makeArticle(db, target, { status: "published", publishedAt: new Date() }) }) },
  "account.switchActiveUnit": {
    // Only to a unit where the user really holds a role: their own.
    allowed: Object.fromEntries(ROLES.map((r) => [r, ["own"]])),
    input: async ({ target }) => ({ unitId: target.id }),
  },
  // ── meetings: calendar (issue 7) — one's own feed addresses: the target unit plays no part.
  "meeting.createFeedToken": { allowed: ALL_ROLES_ANY_TARGET, input: async () => ({}) },
  "meeting.revokeFeedToken": {
    allowed: ALL_ROLES_ANY_TARGET,
    input: async ({ db, target, actorUserId }) => {
      const owner = actorUserId || (await userAt(db, target)).id;
      const [row] = await rowsOf<{ id: string }>(db, sql`insert into calendar_tokens (user_id, token_hash) values (${owner}, ${crypto.randomUUID()}) returning id`);
      return { id: row!.id };
    },
  },
  // ── meetings: series and meetings (issue 7)
  "meeting.createSeries": {
    allowed: MEETING_MANAGERS,
    input: async ({ target }) => ({ unitId: target.id, title: "Giao ban đầu tuần", rrule: "FREQ=WEEKLY;BYDAY=MO", startsOn: vnDay(mondayAhead()), startTime: "09:00", durationMinutes: 90 }),
  },
  "meeting.skipOccurrence": {
    allowed: MEETING_MANAGERS,
    input: async ({ db, target }) => {
      const series = await makeSeriesRow(db, target);
      return { seriesId: series.id, occurrenceDate: vnDay(series.startsOn), reason: "Nghỉ lễ" };
    },
  },
  "meeting.moveOccurrence": {
    allowed: MEETING_MANAGERS,
    input: async ({ db, target }) => {
      const series = await makeSeriesRow(db, target);
      const tuesday = new Date(`${series.startsOn}T00:00:00Z`);
      tuesday.setUTCDate(tuesday.getUTCDate() + 1);
      return { seriesId: series.id, occurrenceDate: series.startsOn, date: vnDay(tuesday.toISOString().slice(0, 10)), startTime: "14:00", endTime: "15:30" };
    },
  },
  "meeting.changeSeriesFrom": {
    allowed: MEETING_MANAGERS,
    input: async ({ db, target }) => {
      const series = await makeSeriesRow(db, target);
      const next = new Date(`${series.startsOn}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 7);
      return { seriesId: series.id, fromDate: vnDay(next.toISOString().slice(0, 10)), title: "Giao ban (giờ mới)", rrule: "FREQ=WEEKLY;BYDAY=MO", startTime: "08:00", durationMinutes: 60 };
    },
  },
  "meeting.create": {
    allowed: MEETING_MANAGERS,
    input: async ({ target }) => ({ unitId: target.id, title: "Họp bàn kế hoạch", date: vnDay(mondayAhead()), startTime: "14:00", endTime: "16:00", agenda: [{ title: "Kế hoạch quý" }] }),
  },
  "meeting.update": {
    allowed: MEETING_MANAGERS,
    input: async ({ db, target }) => {
      const meeting = await makeMeetingRow(db, target);
      return { id: meeting.id, version: meeting.version, title: "Họp thử (sửa)", date: vnDay(mondayAhead()), startTime: "10:00", endTime: "11:00" };
    },
  },
  "meeting.cancel": {
    allowed: MEETING_MANAGERS,
    input: async ({ db, target }) => ({ id: (await makeMeetingRow(db, target)).id, reason: "Hoãn" }),
  },
  // ── meetings: replies, attendance and minutes (issue 7). Replies are one's own invitation's;
  // attendance and the minutes' text are the chair's or meeting.manage's over the meeting's unit
  // (these meetings have no chair); approval is the chair's alone, whatever their roles.
  "meeting.reply": {
    allowed: ALL_ROLES_ANY_TARGET,
    input: async ({ db, target, actorUserId }) => {
      const meeting = await makeMeeting(db, { unitId: target.id, invite: actorUserId ? [actorUserId] : [] });
      return { meetingId: meeting.id, reply: "deputy", deputyName: "Người Dự Thay" };
    },
  },
  "meeting.takeAttendance": {
    allowed: MEETING_KEEPERS,
    input: async ({ db, target }) => {
      const invitee = await userAt(db, target);
      const meeting = await makeMeeting(db, { unitId: target.id, startsInMinutes: 0, invite: [invitee.id] });
      return { meetingId: meeting.id, present: [invitee.id], absent: [] };
    },
  },
  "meeting.draftMinutes": {
    allowed: MEETING_KEEPERS,
    input: async ({ db, target }) => ({ meetingId: (await makeMeeting(db, { unitId: target.id, startsInMinutes: -30 })).id }),
  },
  "meeting.saveMinutes": {
    allowed: MEETING_KEEPERS,
    input: async ({ db, target }) => {
      const meeting = await makeMeeting(db, { unitId: target.id, startsInMinutes: -30 });
      await db.insert(meetingMinutes).values({ meetingId: meeting.id, body: "BIÊN BẢN" });
      return { meetingId: meeting.id, version: 1, body: "BIÊN BẢN\nKết luận: thống nhất." };
    },
  },
  "meeting.approveMinutes": {
    allowed: ALL_ROLES_ANY_TARGET,
    input: async ({ db, target, actorUserId }) => {
      const meeting = await makeMeeting(db, { unitId: target.id, chairId: actorUserId || null, startsInMinutes: -120 });
      await db.insert(meetingMinutes).values({ meetingId: meeting.id, body: "BIÊN BẢN\nKết luận: thống nhất." });
      return { meetingId: meeting.id, version: 1 };
    },
  },
  // ── meetings: rooms UI (issue 7). Rooms are kept by room.manage (administrators, clerks) over
  // the room's unit; booking needs meeting.manage and a room of one's units (or above) for one's unit.
  "room.create": {
    allowed: ROOM_KEEPERS,
    input: async ({ target }) => ({ unitId: target.id, name: `Phòng họp ${uniqueName("p")}`, kind: "online", location: "", capacity: "", autoApprove: false }),
  },
  "room.update": {
    allowed: ROOM_KEEPERS,
    input: async ({ db, target }) => ({ id: await makeRoom(db, target), name: "Phòng họp đã sửa", location: "Tầng 4", capacity: "30", autoApprove: true }),
  },
  "room.setActive": { allowed: ROOM_KEEPERS, input: async ({ db, target }) => ({ id: await makeRoom(db, target), active: false }) },
  "room.book": {
    allowed: MEETING_BOOKERS,
    input: async ({ db, target }) => ({ roomId: await makeRoom(db, target), unitId: target.id, title: "Họp thử", day: `02/03/${new Date().getUTCFullYear() + 1}`, startsAt: "09:00", endsAt: "10:30" }),
  },
  "room.decideBooking": {
    allowed: ROOM_KEEPERS,
    input: async ({ db, target }) => {
      const roomId = await makeRoom(db, target);
      const [row] = await rowsOf<{ id: string }>(
        db,
        sql`insert into room_bookings (room_id, unit_id, title, starts_at, ends_at) values (${roomId}, ${target.id}, 'Chờ duyệt', now() + interval '30 days', now() + interval '30 days 1 hour') returning id`,
      );
      return { bookingId: row!.id, approve: false, note: "Phòng đang sửa" };
    },
  },
  // The requester gives back their own booking (meeting.manage over the unit it is for), the
  // room's office any booking of its rooms; here the acting user asked for it themselves.
  "room.cancelBooking": {
    allowed: MEETING_BOOKERS,
    input: async ({ db, target, actorUserId }) => {
      const roomId = await makeRoom(db, target);
      const [row] = await rowsOf<{ id: string }>(
        db,
        sql`insert into room_bookings (room_id, unit_id, title, starts_at, ends_at, status, requested_by) values (${roomId}, ${target.id}, 'Đặt thử', now() + interval '30 days', now() + interval '30 days 1 hour', 'approved', ${actorUserId || null}) returning id`,
      );
      return { bookingId: row!.id };
    },
  },
};

/** Every server action in the code base: each export of every "use server" module. */
async function discoverActions(): Promise<Map<string, DefinedAction<unknown, unknown>>> {
  const root = path.resolve(import.meta.dirname, "../..");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (["node_modules", ".next", ".data", ".git", "tests", "e2e"].includes(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(entry.name) && /^\s*["']use server["']/.test(fs.readFileSync(full, "utf8"))) files.push(full);
    }
  };
  walk(root);
  const found = new Map<string, DefinedAction<unknown, unknown>>();
  for (const file of files) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(mod)) {
      const action = value as DefinedAction<unknown, unknown>;
      if (typeof action !== "function" || typeof action.actionName !== "string" || typeof action.execute !== "function") {
        throw new Error(`${path.relative(root, file)} exports ${exportName}, which is not made with defineAction`);
      }
      found.set(action.actionName, action);
    }
  }
  return found;
}

/** A fingerprint of every table the actions can write, except the append-only audit log. */
async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = [
    "org_settings", "units", "unit_successions", "users", "role_assignments", "password_history", "mail_outbox", "sign_in_attempts",
    "members", "member_events", "member_evaluations", "member_transfers", "member_participations", "member_corrections",
    "member_import_batches", "member_import_mappings",
    "documents", "document_files", "external_issuers", "publications", "media_albums", "media_items",
    "portal_pages",
    "article_categories", "portal_banners", "partner_links", "articles", "article_events",
    "meeting_series", "meeting_series_exceptions", "meetings", "meeting_agenda_items", "meeting_documents", "meeting_participants", "meeting_invitations", "room_bookings",
    "meeting_rooms", "meeting_minutes", "calendar_tokens", "meeting_reminders",
  ];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const [row] = await rowsOf<{ h: string }>(db, sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`));
    out[table] = row!.h;
  }
  return out;
}

let handle: DatabaseHandle;
let db: Db;
let actions: Map<string, DefinedAction<unknown, unknown>>;
const targets = {} as Record<Target, Unit>;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  // Six levels, so "a unit two levels below a commune" exists for the move and merge cases.
  await db.update(orgSettings).set({ levelNames: ["Trung ương", "Tỉnh", "Cơ sở", "Chi hội", "Tổ", "Nhóm"] }).where(eq(orgSettings.id, 1));
  targets.own = await unitByCode(db, "HA-NOI");
  const [commune] = await db.select().from(units).where(and(eq(units.parentId, targets.own.id), eq(units.level, 2))).limit(1);
  targets.descendant = commune!;
  targets.other = await unitByCode(db, "TUYEN-QUANG");
  actions = await discoverActions();
});

afterAll(async () => handle?.close());

describe("permission matrix", () => {
  it("lists every server action, and only those", () => {
    expect([...actions.keys()].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [name, row] of Object.entries(MATRIX)) {
    describe(name, () => {
      for (const role of ROLES) {
        for (const target of TARGETS) {
          const allowed = row.allowed[role]?.includes(target) ?? false;
          it(`${role} at Hà Nội → ${target}: ${allowed ? "allowed" : "refused"}`, async () => {
            const action = actions.get(name)!;
            const user = await makeUser(db, { unitCode: "HA-NOI", role });
            const actor = await actorFor(db, user.username);
            const input = await row.input({ db, target: targets[target], actorUserId: user.id });
            await expectOutcome(action, actor, input, allowed);
          });
        }
      }
      it("no session: refused", async () => {
        const input = await row.input({ db, target: targets.own, actorUserId: "" });
        await expectOutcome(actions.get(name)!, null, input, false);
      });
    });
  }

  describe("org.updateSettings at the root", () => {
    for (const role of ROLES) {
      const allowed = role === "administrator";
      it(`${role} at the root: ${allowed ? "allowed" : "refused"}`, async () => {
        const user = await makeUser(db, { unitCode: "TW", role });
        const actor = await actorFor(db, user.username);
        const input = await MATRIX["org.updateSettings"]!.input({ db, target: targets.own, actorUserId: user.id });
        await expectOutcome(actions.get("org.updateSettings")!, actor, input, allowed);
      });
    }
  });

  it("a forged unit id from another province is refused and audited", async () => {
    const admin = await makeUser(db, { unitCode: "HA-NOI", role: "administrator" });
    const actor = await actorFor(db, admin.username);
    const [{ maxId } = { maxId: 0 }] = await db.select({ maxId: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
    const result = await actions.get("account.createUser")!.execute({ db, actor }, {
      username: uniqueName("f"), fullName: "Giả Mạo", email: "", homeUnitId: targets.other.id, role: "administrator", temporaryPassword: STRONG(),
    });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    const denied = await db.select().from(auditLog).where(and(gt(auditLog.id, maxId), eq(auditLog.outcome, "denied")));
    expect(denied.map((d) => d.action)).toContain("account.createUser");
    expect(denied[0]!.actorId).toBe(admin.id);
  });
});

async function expectOutcome(action: DefinedAction<unknown, unknown>, actor: Awaited<ReturnType<typeof actorFor>> | null, input: unknown, allowed: boolean) {
  const [{ maxId } = { maxId: 0 }] = await db.select({ maxId: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
  const before = await fingerprint(db);
  const result = await action.execute({ db, actor }, input);
  if (allowed) {
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    return;
  }
  expect(result.ok, JSON.stringify(result)).toBe(false);
  if (!result.ok) expect(["unauthenticated", "forbidden", "not_found"]).toContain(result.code);
  expect(await fingerprint(db)).toEqual(before);
  const written = await db.select().from(auditLog).where(and(gt(auditLog.id, maxId), eq(auditLog.outcome, "ok")));
  expect(written).toEqual([]);
}
