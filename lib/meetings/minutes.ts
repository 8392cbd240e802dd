import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { documents, meetingAgendaItems, meetingInvitations, meetingMinutes, meetingRooms, orgSettings, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ConflictError, DomainError, NotFoundError } from "@/lib/auth/errors";
import { holdsPermission, pathInScope, requirePermission } from "@/lib/auth/guard";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { refreshSearchText } from "@/lib/documents/service";
import { formatNumberSymbol } from "@/lib/documents/symbol";
import { formatDate, todayInVietnam } from "@/lib/i18n/format";
import { renderMinutesTemplate, type MinutesPerson, type MinutesTemplateData } from "./minutes-template";
import { findMeetingFor, requireSignedIn, type MeetingAccess } from "./participation-access";
import type { ApproveMinutesInput, SaveMinutesInput } from "./participation-schemas";
import { invitationRows } from "./replies";
import { onlineRoomUrl } from "./rooms";

/** The type code of a biên bản in the documents register (lib/documents/types.ts). */
export const MINUTES_TYPE_CODE = "BB";

/** Whether the actor keeps the minutes: the chair, or meeting.manage over the meeting's unit. */
function keepsMinutes(actor: Actor, access: MeetingAccess): boolean {
  if (access.isChair) return true;
  return holdsPermission(actor, "meeting.manage") && pathInScope(access.unitPath, requirePermission(actor, "meeting.manage"));
}

/** The meeting for those who keep its minutes; others who may see it are refused, the rest get "not found". */
async function meetingForKeeper(db: Db, actor: Actor | null, meetingId: string) {
  const access = await findMeetingFor(db, actor, meetingId, "meeting.manage");
  if (!keepsMinutes(actor!, access)) throw new NotFoundError("meetingParticipation.notFound");
  return access;
}

/**
 * The minutes of a meeting and what the actor may do with them: for the chair, those who may read
 * the unit's meetings and the people invited. Null when none have been drafted.
 */
export async function getMinutes(db: Db, actor: Actor | null, meetingId: string) {
  const me = requireSignedIn(actor);
  let access: MeetingAccess | null = null;
  try {
    access = await findMeetingFor(db, me, meetingId, "meeting.read");
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const [invited] = await db
      .select({ userId: meetingInvitations.userId })
      .from(meetingInvitations)
      .where(and(eq(meetingInvitations.meetingId, meetingId), eq(meetingInvitations.userId, me.userId)));
    if (!invited) throw error;
  }
  const [row] = await db
    .select({ minutes: meetingMinutes, writerName: users.fullName, documentSymbol: documents.numberSymbol })
    .from(meetingMinutes)
    .leftJoin(users, eq(users.id, meetingMinutes.writtenBy))
    .leftJoin(documents, eq(documents.id, meetingMinutes.documentId))
    .where(eq(meetingMinutes.meetingId, meetingId));
  const keeper = access ? keepsMinutes(me, access) : false;
  const draft = !row || row.minutes.status === "draft";
  return {
    minutes: row ? { ...row.minutes, writerName: row.writerName ?? "", documentSymbol: row.documentSymbol } : null,
    canDraft: !row && keeper,
    canEdit: Boolean(row) && draft && keeper,
    canApprove: Boolean(row) && draft && (access?.isChair ?? false),
  };
}

/** Everything the template needs, read from the meeting, its unit, room, agenda and invitations. */
async function templateData(db: Db, access: MeetingAccess, secretaryName: string): Promise<MinutesTemplateData> {
  const { meeting } = access;
  const [parent] = access.unitParentId ? await db.select({ name: units.name }).from(units).where(eq(units.id, access.unitParentId)) : [];
  const [settings] = await db.select({ orgName: orgSettings.orgName }).from(orgSettings).where(eq(orgSettings.id, 1));
  const [room] = meeting.roomId ? await db.select().from(meetingRooms).where(eq(meetingRooms.id, meeting.roomId)) : [];
  const [chair] = meeting.chairId ? await db.select({ name: users.fullName }).from(users).where(eq(users.id, meeting.chairId)) : [];
  const agenda = await db
    .select({ title: meetingAgendaItems.title, presenter: meetingAgendaItems.presenter })
    .from(meetingAgendaItems)
    .where(eq(meetingAgendaItems.meetingId, meeting.id))
    .orderBy(asc(meetingAgendaItems.position));
  const invitations = await invitationRows(db, meeting.id);
  const asPerson = (i: (typeof invitations)[number]): MinutesPerson => ({
    name: i.fullName,
    deputyName: i.reply === "deputy" ? i.deputyName : undefined,
    reason: i.reply === "decline" && i.note ? i.note : undefined,
  });
  const superiorName = parent?.name ?? (access.unitParentId ? "" : settings?.orgName && settings.orgName !== access.unitName ? settings.orgName : "");
  return {
    superiorName,
    unitName: access.unitName,
    title: meeting.title,
    startsAt: meeting.startsAt,
    endsAt: meeting.endsAt,
    place: !room
      ? null
      : room.kind === "online" && room.onlineSlug
        ? { kind: "online", name: room.name, url: onlineRoomUrl(room.onlineSlug) }
        : { kind: "physical", name: room.name, location: room.location },
    chairName: chair?.name ?? "",
    secretaryName,
    present: invitations.filter((i) => i.attended === true).map(asPerson),
    absent: invitations.filter((i) => i.attended === false).map(asPerson),
    unmarked: invitations.filter((i) => i.attended === null).map(asPerson),
    agenda,
  };
}

/** Starts the minutes from the template, filled from the meeting; the writer is its secretary. */
export async function draftMinutes(db: Db, actor: Actor | null, input: { meetingId: string }) {
  const access = await meetingForKeeper(db, actor, input.meetingId);
  if (access.meeting.status === "cancelled") throw new ConflictError("meetingMinutes.cancelled");
  return db.transaction(async (tx) => {
    const body = renderMinutesTemplate(await templateData(tx, access, actor!.fullName));
    const [created] = await tx
      .insert(meetingMinutes)
      .values({ meetingId: access.meeting.id, body, writtenBy: actor!.userId })
      .onConflictDoNothing({ target: meetingMinutes.meetingId })
      .returning();
    if (!created) throw new ConflictError("meetingMinutes.exists");
    await recordAudit(tx, actor, {
      action: "meeting.minutes.draft",
      entityType: "meeting",
      entityId: access.meeting.id,
      unitId: access.meeting.unitId,
      changes: { status: { to: "draft" } },
    });
    return created;
  });
}

async function lockMinutes(db: Db, meetingId: string) {
  const [row] = await db.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId)).for("update");
  if (!row) throw new NotFoundError("meetingMinutes.notFound");
  return row;
}

/** Saves the text over the version the writer started from; a newer save is never overwritten. */
export async function saveMinutes(db: Db, actor: Actor | null, input: SaveMinutesInput) {
  const access = await meetingForKeeper(db, actor, input.meetingId);
  return db.transaction(async (tx) => {
    const current = await lockMinutes(tx, access.meeting.id);
    if (current.status === "approved") throw new ConflictError("meetingMinutes.readOnly");
    if (current.version !== input.version) {
      throw new ConflictError("meetingMinutes.stale", {}, { details: { version: current.version, body: current.body } });
    }
    const [updated] = await tx
      .update(meetingMinutes)
      .set({ body: input.body, version: sql`${meetingMinutes.version} + 1`, writtenBy: actor!.userId, updatedAt: new Date() })
      .where(eq(meetingMinutes.meetingId, access.meeting.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "meeting.minutes.save",
      entityType: "meeting",
      entityId: access.meeting.id,
      unitId: access.meeting.unitId,
      changes: { version: { from: current.version, to: updated!.version } },
    });
    return updated!;
  });
}

/** The next number of the unit's biên bản this year; the lock keeps two approvals from taking the same one. */
async function nextMinutesNumber(db: Db, unitId: string, year: string): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`meeting-minutes-number:${unitId}:${year}`}))`);
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${documents.number}), 0)::int` })
    .from(documents)
    .where(and(eq(documents.unitId, unitId), eq(documents.typeCode, MINUTES_TYPE_CODE), gte(documents.issuedOn, `${year}-01-01`), lte(documents.issuedOn, `${year}-12-31`)));
  return (row?.n ?? 0) + 1;
}

/**
 * The chair approves the minutes: in one transaction they become read-only and a document record
 * (internal, type biên bản, issued today) joins the unit's register, linked from the minutes.
 */
export async function approveMinutes(db: Db, actor: Actor | null, input: ApproveMinutesInput) {
  const access = await findMeetingFor(db, actor, input.meetingId, "meeting.read");
  if (!access.isChair) throw new DomainError("forbidden", "meetingMinutes.onlyChair");
  const { meeting } = access;
  return db.transaction(async (tx) => {
    const current = await lockMinutes(tx, meeting.id);
    if (current.status === "approved") throw new ConflictError("meetingMinutes.readOnly");
    if (current.version !== input.version) {
      throw new ConflictError("meetingMinutes.stale", {}, { details: { version: current.version, body: current.body } });
    }
    const issuedOn = todayInVietnam();
    const number = await nextMinutesNumber(tx, meeting.unitId, issuedOn.slice(0, 4));
    const [settings] = await tx.select({ style: orgSettings.numberingStyle }).from(orgSettings).where(eq(orgSettings.id, 1));
    const numberSymbol = formatNumberSymbol({
      style: settings?.style ?? "HD36",
      number,
      typeCode: MINUTES_TYPE_CODE,
      issuerCode: access.unitCode.replace(/[^\p{L}\p{N}]/gu, ""),
    });
    const abstract = `Biên bản ${meeting.title} ngày ${formatDate(meeting.startsAt)}`.slice(0, 500);
    const [document] = await tx
      .insert(documents)
      .values({
        unitId: meeting.unitId,
        numberSymbolRaw: numberSymbol,
        numberSymbol,
        number,
        typeCode: MINUTES_TYPE_CODE,
        issuerUnitId: meeting.unitId,
        issuedOn,
        signer: actor!.fullName,
        abstract,
        visibility: "internal",
        createdBy: actor!.userId,
      })
      .returning();
    await refreshSearchText(tx, document!.id);
    const [approved] = await tx
      .update(meetingMinutes)
      .set({ status: "approved", approvedBy: actor!.userId, approvedAt: new Date(), documentId: document!.id, version: sql`${meetingMinutes.version} + 1`, updatedAt: new Date() })
      .where(eq(meetingMinutes.meetingId, meeting.id))
      .returning();
    await recordAudit(tx, actor, {
      action: "document.create",
      entityType: "document",
      entityId: document!.id,
      unitId: meeting.unitId,
      changes: { numberSymbol: { to: numberSymbol }, confidentiality: { to: "normal" } },
    });
    await recordAudit(tx, actor, {
      action: "meeting.minutes.approve",
      entityType: "meeting",
      entityId: meeting.id,
      unitId: meeting.unitId,
      changes: { status: { from: "draft", to: "approved" }, documentId: { to: document!.id } },
    });
    return { minutes: approved!, document: document! };
  });
}
