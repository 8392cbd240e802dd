import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/db/seed/demo";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { addParticipation, removeParticipation } from "@/lib/members/participation";
import { getMember, listMembers } from "@/lib/members/service";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeMember, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

describe("secondary participation", () => {
  it("one member, seen by both units; only the primary side records or removes it", async () => {
    const hanoiOfficer = await actorFor(db, "hanoi.canbo");
    const tqOfficer = await actorFor(db, "tuyenquang.canbo");
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const tq = await unitByCode(db, "TUYEN-QUANG");
    const student = await makeMember(db, ward.id, { fullName: "Lò Thị Sinh Viên", birthDate: "2004-02-02" });

    await expect(addParticipation(db, hanoiOfficer, { memberId: student.id, unitId: ward.id })).rejects.toBeInstanceOf(InvalidInputError);
    const added = await addParticipation(db, hanoiOfficer, { memberId: student.id, unitId: tq.id });
    await expect(addParticipation(db, hanoiOfficer, { memberId: student.id, unitId: tq.id })).rejects.toBeInstanceOf(ConflictError);

    // Tuyên Quang now sees the member (still one record) but cannot change the participation.
    const seen = await listMembers(db, tqOfficer, { page: 1, pageSize: 20, q: "lo thi sinh vien" });
    expect(seen.rows.map((r) => r.id)).toEqual([student.id]);
    // The count sees the same member (a correlated subquery once matched its own rows instead).
    expect(seen.total).toBe(1);
    expect((await getMember(db, tqOfficer, student.id)).participations.map((p) => p.unitName)).toEqual([tq.name]);
    await expect(removeParticipation(db, tqOfficer, { participationId: added.id })).rejects.toBeInstanceOf(NotFoundError);
    await expect(addParticipation(db, tqOfficer, { memberId: student.id, unitId: (await unitByCode(db, "HO-CHI-MINH")).id })).rejects.toBeInstanceOf(NotFoundError);

    await removeParticipation(db, hanoiOfficer, { participationId: added.id });
    expect((await listMembers(db, tqOfficer, { page: 1, pageSize: 20, q: "lo thi sinh vien" })).total).toBe(0);
  });
});
