"use server";

import { defineAction } from "@/lib/actions/define";
import { bookRoom, cancelBooking, decideBooking } from "./bookings";
import { zonedInstant } from "./recurrence";
import { createRoom, setRoomActive, updateRoom } from "./room-admin";
import { bookRoomInput, cancelBookingInput, createRoomInput, dayIso, decideBookingInput, setRoomActiveInput, updateRoomInput } from "./room-schemas";

export const createRoomAction = defineAction(
  "room.create",
  createRoomInput,
  async ({ db, actor }, input) => {
    const room = await createRoom(db, actor, input);
    return { id: room.id, link: room.link };
  },
  { success: "room.created" },
);

export const updateRoomAction = defineAction(
  "room.update",
  updateRoomInput,
  async ({ db, actor }, input) => {
    const room = await updateRoom(db, actor, input);
    return { id: room.id };
  },
  { success: "room.updated" },
);

export const setRoomActiveAction = defineAction("room.setActive", setRoomActiveInput, async ({ db, actor }, input) => {
  const room = await setRoomActive(db, actor, input);
  return { id: room.id, active: room.active };
});

export const bookRoomAction = defineAction(
  "room.book",
  bookRoomInput,
  async ({ db, actor }, input) => {
    const day = dayIso(input.day)!;
    const booking = await bookRoom(db, actor, {
      roomId: input.roomId,
      unitId: input.unitId,
      title: input.title,
      startsAt: zonedInstant(day, input.startsAt),
      endsAt: zonedInstant(day, input.endsAt),
    });
    return { id: booking.id, status: booking.status };
  },
  { success: "room.booked" },
);

export const decideBookingAction = defineAction("room.decideBooking", decideBookingInput, async ({ db, actor }, input) => {
  const booking = await decideBooking(db, actor, input);
  return { id: booking.id, status: booking.status };
});

export const cancelBookingAction = defineAction(
  "room.cancelBooking",
  cancelBookingInput,
  async ({ db, actor }, input) => {
    const booking = await cancelBooking(db, actor, input);
    return { id: booking.id, status: booking.status };
  },
  { success: "room.bookingCancelled" },
);
