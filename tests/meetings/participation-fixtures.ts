import { meetingAgendaItems, meetingInvitations, meetingRooms, meetings } from "@/db/schema";
import type { Db } from "@/lib/db";
import { uniqueName } from "../helpers/fixtures";

/*
 * Meetings for the replies, attendance and minutes tests, inserted directly in the tables (not
 * through lib/meetings/service.ts), starting a number of minutes from now.
 */

export interface MakeMeetingOptions {
  unitId: string;
  chairId?: string | null;
  /** Minutes from now to the start (negative: already started). */
  startsInMinutes?: number;
  durationMinutes?: number;
  status?: "scheduled" | "cancelled";
  title?: string;
  invite?: string[];
  agenda?: { title: string; presenter?: string }[];
  roomId?: string | null;
}

export async function makeMeeting(db: Db, options: MakeMeetingOptions) {
  const startsAt = new Date(Date.now() + (options.startsInMinutes ?? 60) * 60_000);
  const endsAt = new Date(startsAt.getTime() + (options.durationMinutes ?? 90) * 60_000);
  const [meeting] = await db
    .insert(meetings)
    .values({
      unitId: options.unitId,
      title: options.title ?? `Giao ban ${uniqueName("h")}`,
      chairId: options.chairId ?? null,
      startsAt,
      endsAt,
      status: options.status ?? "scheduled",
      roomId: options.roomId ?? null,
    })
    .returning();
  if (options.invite?.length) {
    await db.insert(meetingInvitations).values(options.invite.map((userId) => ({ meetingId: meeting!.id, userId })));
  }
  if (options.agenda?.length) {
    await db
      .insert(meetingAgendaItems)
      .values(options.agenda.map((item, i) => ({ meetingId: meeting!.id, position: i + 1, title: item.title, presenter: item.presenter ?? "" })));
  }
  return meeting!;
}

export async function makeRoom(db: Db, unitId: string, kind: "physical" | "online" = "physical") {
  const [room] = await db
    .insert(meetingRooms)
    .values({
      unitId,
      name: kind === "online" ? "Phòng họp trực tuyến" : "Phòng họp tầng 2",
      kind,
      location: kind === "online" ? "" : "Số 12 Lê Lợi",
      onlineSlug: kind === "online" ? `KetNoi-thu-${uniqueName("r").replace(/[^a-z0-9]/g, "")}` : null,
    })
    .returning();
  return room!;
}
