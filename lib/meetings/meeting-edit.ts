import { and, asc, eq, inArray } from "drizzle-orm";
import { documents, meetingAgendaItems, meetingDocuments, meetingParticipants, meetingRooms, meetings, units, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/auth/errors";
import { inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { agendaToText } from "./agenda-text";
import { dayForForm } from "./schemas";
import { formTimes, isEditable, meetingFormOptions, type MeetingFormOptions } from "./service";

/*
 * The meeting's edit form as it opens: the values updateMeeting takes, in the form's terms, and the
 * form's choices. The meeting's own chair, people, units, room and documents are kept among the
 * choices even where the lists would not offer them today (a room taken out of use, a document
 * older than the latest 200), so that saving without touching them never drops them silently:
 * the service then names whatever it no longer accepts next to its field.
 */

const keepMissing = <T extends { id: string }>(list: T[], current: T[]): T[] => [...list, ...current.filter((c) => !list.some((o) => o.id === c.id))];

export async function meetingForEdit(db: Db, actor: Actor | null, id: string) {
  const scope = requirePermission(actor, "meeting.manage");
  const [row] = await db
    .select({ meeting: meetings, unitName: units.name })
    .from(meetings)
    .innerJoin(units, eq(units.id, meetings.unitId))
    .where(and(eq(meetings.id, id), inScope(units.path, scope)));
  if (!row) throw new NotFoundError("meeting.notFound");
  const { meeting } = row;
  const [options, agenda, participants, docs, rooms] = await Promise.all([
    meetingFormOptions(db, actor),
    db.select().from(meetingAgendaItems).where(eq(meetingAgendaItems.meetingId, id)).orderBy(asc(meetingAgendaItems.position)),
    db.select({ userId: meetingParticipants.userId, unitId: meetingParticipants.unitId }).from(meetingParticipants).where(eq(meetingParticipants.meetingId, id)),
    db
      .select({ id: documents.id, numberSymbol: documents.numberSymbol, abstract: documents.abstract })
      .from(meetingDocuments)
      .innerJoin(documents, eq(documents.id, meetingDocuments.documentId))
      .where(eq(meetingDocuments.meetingId, id)),
    meeting.roomId
      ? db
          .select({ id: meetingRooms.id, name: meetingRooms.name, kind: meetingRooms.kind, unitName: units.name })
          .from(meetingRooms)
          .innerJoin(units, eq(units.id, meetingRooms.unitId))
          .where(eq(meetingRooms.id, meeting.roomId))
      : Promise.resolve([]),
  ]);
  const userIds = participants.flatMap((p) => (p.userId ? [p.userId] : []));
  const unitIds = participants.flatMap((p) => (p.unitId ? [p.unitId] : []));
  const personIds = [...new Set([...userIds, ...(meeting.chairId ? [meeting.chairId] : [])])];
  const [people, groups] = await Promise.all([
    personIds.length
      ? db.select({ id: users.id, fullName: users.fullName, unitName: units.name }).from(users).innerJoin(units, eq(units.id, users.homeUnitId)).where(inArray(users.id, personIds))
      : Promise.resolve([]),
    unitIds.length ? db.select({ id: units.id, name: units.name, level: units.level }).from(units).where(inArray(units.id, unitIds)) : Promise.resolve([]),
  ]);
  const times = formTimes(meeting.startsAt, meeting.endsAt);
  const choices: MeetingFormOptions = {
    units: keepMissing(options.units, groups),
    people: keepMissing(options.people, people),
    rooms: keepMissing(options.rooms, rooms),
    documents: keepMissing(options.documents, docs),
  };
  return {
    id: meeting.id,
    version: meeting.version,
    title: meeting.title,
    unitName: row.unitName,
    seriesId: meeting.seriesId,
    occurrenceDate: meeting.occurrenceDate,
    editable: isEditable(meeting),
    options: choices,
    values: {
      unitId: meeting.unitId,
      title: meeting.title,
      date: dayForForm(times.date),
      startTime: times.startTime,
      endTime: times.endTime,
      chairId: meeting.chairId ?? "",
      roomId: meeting.roomId ?? "",
      participantUserIds: userIds,
      participantUnitIds: unitIds,
      agendaText: agendaToText(agenda),
      documentIds: docs.map((d) => d.id),
    },
  };
}
export type MeetingEdit = Awaited<ReturnType<typeof meetingForEdit>>;
