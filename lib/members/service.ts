import { and, asc, desc, eq, gte, lte, or, sql, type SQL } from "drizzle-orm";
import {
  memberEvaluations,
  memberEvents,
  memberImportBatches,
  memberParticipations,
  members,
  memberTransfers,
  units,
  type Member,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import { holdsPermission, pathInScope, requirePermission } from "@/lib/auth/guard";
import { diff } from "@/lib/audit/mask";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import { getSettings } from "@/lib/org/settings";
import { findUnitInScope } from "@/lib/org/units";
import { findMemberInScope, memberVisibleIn, seesEveryMember } from "./access";
import { exactFirst, nameCondition, parseNameQuery, SEARCH_COUNT_CAP, searchMembersByName } from "./name-search";
import { maskNationalId } from "./national-id";
import type { CreateMemberInput, MemberFields, UpdateMemberInput } from "./schemas";
import { outer } from "@/lib/db/sql";

const RECORD_FIELDS = [
  "fullName", "birthDate", "gender", "ethnicity", "religion", "nationalId", "hometown", "currentAddress", "phone",
  "email", "education", "qualification", "occupation", "joinedOn", "partyJoinedOn", "lawfulBasis",
] as const satisfies readonly (keyof MemberFields)[];

function recordValues(input: MemberFields) {
  return {
    ...Object.fromEntries(RECORD_FIELDS.map((f) => [f, input[f] === "" ? null : input[f]])),
    nameFolded: foldVietnamese(input.fullName),
    sortKey: personNameSortKey(input.fullName),
  } as Pick<Member, (typeof RECORD_FIELDS)[number] | "nameFolded" | "sortKey">;
}

/** Age in whole years on a date (both yyyy-MM-dd). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The national ID is unique across the organisation; say where the other record is, not whose it is. */
async function assertIdFree(db: Db, nationalId: string | null, exceptId?: string) {
  if (!nationalId) return;
  const [other] = await db
    .select({ id: members.id, unitName: units.name })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(and(eq(members.nationalId, nationalId), exceptId ? sql`${members.id} <> ${exceptId}` : undefined))
    .limit(1);
  if (other) throw new ConflictError("member.duplicateId", { nationalId: "member.duplicateId" }, { values: { unit: other.unitName } });
}

export async function createMember(db: Db, actor: Actor | null, input: CreateMemberInput) {
  const scope = requirePermission(actor, "member.manage");
  const today = todayInVietnam();
  return db.transaction(async (tx) => {
    const unit = await findUnitInScope(tx, input.unitId, scope);
    if (unit.activeTo) throw new InvalidInputError({ unitId: "unit.inactive" });
    if (input.mode === "admit") {
      const settings = await getSettings(tx);
      const age = ageOn(input.birthDate, input.joinedOn ?? today);
      const min = settings?.admissionMinAge;
      const max = settings?.admissionMaxAge;
      if ((min != null && age < min) || (max != null && age > max)) {
        throw new InvalidInputError({ birthDate: "member.ageRule" }, "member.ageRule");
      }
    }
    await assertIdFree(tx, input.nationalId);
    const values = recordValues(input);
    const joinedOn = input.joinedOn ?? (input.mode === "admit" ? today : null);
    const [created] = await tx
      .insert(members)
      .values({ ...values, joinedOn, unitId: unit.id, status: "active", statusSince: joinedOn ?? today })
      .returning();
    await tx.insert(memberEvents).values({
      memberId: created!.id,
      kind: input.mode === "admit" ? "admitted" : "recorded",
      occurredOn: joinedOn ?? today,
      unitId: unit.id,
      actorId: actor!.userId,
    });
    await recordAudit(tx, actor, {
      action: "member.create",
      entityType: "member",
      entityId: created!.id,
      unitId: unit.id,
      changes: Object.fromEntries(RECORD_FIELDS.filter((f) => values[f] != null).map((f) => [f, { to: values[f] }])),
    });
    return created!;
  });
}

/**
 * Saves an edit made from a given version. If someone saved in between, nothing is written and
 * the caller gets the newer record, so the form can show what changed and keep what was typed.
 */
export async function updateMember(db: Db, actor: Actor | null, input: UpdateMemberInput) {
  const scope = requirePermission(actor, "member.manage");
  return db.transaction(async (tx) => {
    const { member, unitPath } = await findMemberInScope(tx, input.id, scope, { forUpdate: true });
    if (member.version !== input.version) {
      const theirs = diff(member as unknown as Record<string, unknown>, recordValues(input) as unknown as Record<string, unknown>);
      throw new ConflictError("member.staleEdit", {}, {
        details: { version: member.version, current: pickRecord(member, canSeeId(actor, unitPath)), changedFields: Object.keys(theirs) },
      });
    }
    await assertIdFree(tx, input.nationalId, member.id);
    const values = recordValues(input);
    const changes = diff(member as unknown as Record<string, unknown>, values as unknown as Record<string, unknown>);
    delete changes.nameFolded;
    delete changes.sortKey;
    if (Object.keys(changes).length === 0) return member;
    const [updated] = await tx
      .update(members)
      // A date typed in the form is a full date: "year only" holds only while the date is untouched.
      .set({ ...values, birthYearOnly: values.birthDate === member.birthDate && member.birthYearOnly, version: sql`${members.version} + 1`, updatedAt: new Date() })
      .where(and(eq(members.id, member.id), eq(members.version, input.version)))
      .returning();
    await tx.insert(memberEvents).values({
      memberId: member.id,
      kind: "updated",
      occurredOn: todayInVietnam(),
      unitId: member.unitId,
      actorId: actor!.userId,
      details: { fields: Object.keys(changes) },
    });
    await recordAudit(tx, actor, { action: "member.update", entityType: "member", entityId: member.id, unitId: member.unitId, changes });
    return updated!;
  });
}

/** Full national IDs only for roles that need them, and only for members of their units. */
function canSeeId(actor: Actor | null, unitPath: string) {
  return holdsPermission(actor, "member.viewId") && pathInScope(unitPath, requirePermission(actor, "member.viewId"));
}

function pickRecord(member: Member, showId: boolean) {
  const record = Object.fromEntries(RECORD_FIELDS.map((f) => [f, member[f]])) as Pick<Member, (typeof RECORD_FIELDS)[number]>;
  return { ...record, nationalId: showId ? member.nationalId : maskNationalId(member.nationalId) };
}

/**
 * A member who came in through an Excel import was recorded by its batch: the timeline shows that
 * step from the batch (its file, its unit, when it was committed) rather than from an event row
 * per member, which large imports do not write. Its id 0 makes it the earliest step of its day.
 */
async function importedEvent(db: Db, member: Member) {
  if (!member.importBatchId) return null;
  const [batch] = await db
    .select({ fileName: memberImportBatches.fileName, committedAt: memberImportBatches.committedAt, unitName: units.name })
    .from(memberImportBatches)
    .innerJoin(units, eq(units.id, memberImportBatches.unitId))
    .where(and(eq(memberImportBatches.id, member.importBatchId), eq(memberImportBatches.status, "committed")))
    .limit(1);
  if (!batch?.committedAt) return null;
  return {
    id: 0,
    kind: "recorded" as const,
    occurredOn: member.joinedOn ?? todayInVietnam(batch.committedAt),
    reason: "",
    details: { importBatchId: member.importBatchId, fileName: batch.fileName } as Record<string, unknown>,
    unitName: batch.unitName as string | null,
    createdAt: batch.committedAt,
  };
}

/** One record, as its viewer may see it; every view is logged. */
export async function getMember(db: Db, actor: Actor | null, id: string) {
  const scope = requirePermission(actor, "member.read");
  const [row] = await db
    .select({ member: members, unitName: units.name, unitPath: units.path })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(and(eq(members.id, id), memberVisibleIn(scope)))
    .limit(1);
  if (!row) throw new NotFoundError("member.notFound");
  const showId = canSeeId(actor, row.unitPath);
  const [events, evaluations, participations, transfers] = await Promise.all([
    db
      .select({ id: memberEvents.id, kind: memberEvents.kind, occurredOn: memberEvents.occurredOn, reason: memberEvents.reason, details: memberEvents.details, unitName: units.name, createdAt: memberEvents.createdAt })
      .from(memberEvents)
      .leftJoin(units, eq(units.id, memberEvents.unitId))
      .where(eq(memberEvents.memberId, id))
      .orderBy(desc(memberEvents.occurredOn), desc(memberEvents.id)),
    db.select().from(memberEvaluations).where(eq(memberEvaluations.memberId, id)).orderBy(desc(memberEvaluations.year)),
    db
      .select({ id: memberParticipations.id, unitId: units.id, unitName: units.name, since: memberParticipations.since })
      .from(memberParticipations)
      .innerJoin(units, eq(units.id, memberParticipations.unitId))
      .where(eq(memberParticipations.memberId, id)),
    db
      .select({ id: memberTransfers.id, toUnitName: units.name, requestedAt: memberTransfers.requestedAt, reason: memberTransfers.reason })
      .from(memberTransfers)
      .innerJoin(units, eq(units.id, memberTransfers.toUnitId))
      .where(and(eq(memberTransfers.memberId, id), eq(memberTransfers.status, "pending"))),
  ]);
  const imported = await importedEvent(db, row.member);
  if (imported) events.push(imported);
  events.sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.id - a.id);
  await recordAudit(db, actor, { action: "member.view", entityType: "member", entityId: id, unitId: row.member.unitId });
  const manageScope = holdsPermission(actor, "member.manage") ? requirePermission(actor, "member.manage") : null;
  return {
    member: { ...row.member, nationalId: showId ? row.member.nationalId : maskNationalId(row.member.nationalId) },
    idMasked: !showId,
    unitName: row.unitName,
    canManage: Boolean(manageScope && pathInScope(row.unitPath, manageScope)),
    events,
    evaluations,
    participations,
    pendingTransfer: transfers[0] ?? null,
  };
}

export const AGE_BANDS = { "duoi-30": [0, 29], "30-45": [30, 45], "46-60": [46, 60], "61-75": [61, 75], "tren-75": [76, 200] } as const;
export type AgeBand = keyof typeof AGE_BANDS;

export interface MemberListQuery {
  page: number;
  pageSize: number;
  q?: string;
  unitId?: string;
  status?: Member["status"];
  gender?: "male" | "female";
  ageBand?: AgeBand;
  ethnicity?: string;
  joinedYear?: number;
  evaluationYear?: number;
  evaluation?: (typeof memberEvaluations.$inferSelect)["level"];
  sort?: "name" | "birthDate" | "joinedOn";
  dir?: "asc" | "desc";
  importBatchId?: string;
}

/** Phone and national ID side by side, as members_digits_trgm indexes them. */
const MEMBER_DIGITS = sql`(coalesce(${members.phone}, '') || ' ' || coalesce(${members.nationalId}, ''))`;

/**
 * The filtered list, always limited to the actor's units. A search counts its matches only up to
 * SEARCH_COUNT_CAP (`totalCapped`: there are more); a name search sorted by name goes through
 * searchMembersByName, exact diacritics first when the query has any.
 */
export async function listMembers(db: Db, actor: Actor | null, query: MemberListQuery) {
  const scope = requirePermission(actor, "member.read");
  const filters: SQL[] = seesEveryMember(scope) ? [] : [memberVisibleIn(scope)];
  if (query.unitId) {
    const unit = await findUnitInScope(db, query.unitId, scope);
    filters.push(sql`exists (select 1 from ${units} u where u.id = ${outer(members.unitId)} and u.path <@ ${unit.path}::ltree)`);
  }
  if (query.status) filters.push(eq(members.status, query.status));
  if (query.gender) filters.push(eq(members.gender, query.gender));
  if (query.ethnicity) filters.push(eq(members.ethnicity, query.ethnicity));
  if (query.importBatchId) filters.push(eq(members.importBatchId, query.importBatchId));
  if (query.joinedYear) filters.push(sql`extract(year from ${members.joinedOn}) = ${query.joinedYear}`);
  if (query.ageBand) {
    const [min, max] = AGE_BANDS[query.ageBand];
    const today = todayInVietnam();
    filters.push(lte(members.birthDate, sql`(${today}::date - make_interval(years => ${min}))::date`));
    filters.push(gte(members.birthDate, sql`(${today}::date - make_interval(years => ${max + 1}) + 1)::date`));
  }
  if (query.evaluation && query.evaluationYear) {
    filters.push(sql`exists (select 1 from ${memberEvaluations} e where e.member_id = ${outer(members.id)} and e.year = ${query.evaluationYear} and e.level = ${query.evaluation})`);
  }
  const offset = (query.page - 1) * query.pageSize;
  const q = query.q?.trim() ?? "";
  const digits = q.replace(/[\s.]/g, "");
  const isNumber = /^\+?\d{3,}$/.test(digits);
  const name = q && !isNumber ? parseNameQuery(q) : null;

  let page: Awaited<ReturnType<typeof memberRows>>;
  let total: number;
  let totalCapped = false;
  if (name && (query.sort ?? "name") === "name") {
    const found = await searchMembersByName(db, name, { where: filters.length > 0 ? and(...filters) : undefined, dir: query.dir ?? "asc", offset, limit: query.pageSize });
    const chosen = sql`${members.id} = any(${sql.param(found.ids)}::text[]::uuid[])`;
    const byId = new Map((found.ids.length > 0 ? await memberRows(db, chosen, [], found.ids.length, 0) : []).map((r) => [r.id, r]));
    page = found.ids.flatMap((id) => byId.get(id) ?? []);
    ({ total, totalCapped } = found);
  } else {
    const order: SQL[] = [];
    if (isNumber) {
      // Digits are a phone number or an ID number, never a name: a whole ID is found by its
      // unique index, part of one or of a phone number by the digits' trigram index.
      const local = digits.replace(/^\+84/, "0");
      const whole = local.length === 9 || local.length === 12 ? [eq(members.nationalId, local)] : [];
      filters.push(or(...whole, sql`${MEMBER_DIGITS} like ${`%${local}%`}`)!);
    } else if (name) {
      const [condition, rank] = await Promise.all([nameCondition(db, name), exactFirst(db, name)]);
      filters.push(condition);
      if (rank) order.push(rank);
    }
    const direction = query.dir === "desc" ? desc : asc;
    if (query.sort === "birthDate") order.push(direction(members.birthDate));
    else if (query.sort === "joinedOn") order.push(direction(members.joinedOn));
    else order.push(query.dir === "desc" ? sql`${members.sortKey} collate "C" desc` : sql`${members.sortKey} collate "C"`);
    // Name order ties break on the id in the same direction, as a name search pages them.
    order.push(query.dir === "desc" && (query.sort ?? "name") === "name" ? desc(members.id) : asc(members.id));
    const where = and(...filters);
    [page, { total, totalCapped }] = await Promise.all([memberRows(db, where, order, query.pageSize, offset), countMembers(db, where, Boolean(q))]);
  }
  // A short page past the cap is the last one: the count is then known.
  if (totalCapped && page.length > 0 && page.length < query.pageSize) [total, totalCapped] = [offset + page.length, false];
  const idScope = holdsPermission(actor, "member.viewId") ? requirePermission(actor, "member.viewId") : null;
  return {
    rows: page.map(({ unitPath, ...r }) => ({
      ...r,
      nationalId: idScope && pathInScope(unitPath, idScope) ? r.nationalId : maskNationalId(r.nationalId),
    })),
    total,
    totalCapped,
  };
}

function memberRows(db: Db, where: SQL | undefined, order: SQL[], limit: number, offset: number) {
  return db
    .select({
      id: members.id,
      fullName: members.fullName,
      birthDate: members.birthDate,
      gender: members.gender,
      ethnicity: members.ethnicity,
      nationalId: members.nationalId,
      phone: members.phone,
      joinedOn: members.joinedOn,
      status: members.status,
      birthYearOnly: members.birthYearOnly,
      unitName: units.name,
      unitPath: units.path,
    })
    .from(members)
    .innerJoin(units, eq(units.id, members.unitId))
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

/** Every match of a plain list; a search's only up to SEARCH_COUNT_CAP + 1. */
async function countMembers(db: Db, where: SQL | undefined, search: boolean): Promise<{ total: number; totalCapped: boolean }> {
  if (!search) {
    const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(members).where(where);
    return { total: row?.total ?? 0, totalCapped: false };
  }
  const matches = db.select({ one: sql`1`.as("one") }).from(members).where(where).limit(SEARCH_COUNT_CAP + 1).as("matches");
  const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(matches);
  const total = row?.total ?? 0;
  return total > SEARCH_COUNT_CAP ? { total: SEARCH_COUNT_CAP, totalCapped: true } : { total, totalCapped: false };
}
