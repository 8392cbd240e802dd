import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberCorrections, members } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { decideCorrection, getOwnRecord, listPendingCorrections, requestCorrection } from "@/lib/members/corrections";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeMember, makeUser, unitByCode } from "../helpers/fixtures";

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

describe("a member's own record and corrections", () => {
  it("the demo member reads their own record, masked, and the view is logged", async () => {
    const self = await actorFor(db, "hoivien");
    const own = await getOwnRecord(db, self);
    expect(own?.member.fullName).toBe(self.fullName);
  });

  it("a request is checked, then approved by an officer of the unit and applied", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const person = await makeUser(db, { unitCode: "HA-NOI-BA-DINH", role: "member" });
    const member = await makeMember(db, ward.id, { userId: person.id, phone: "0911111111" });
    const self = await actorFor(db, person.username);
    await expect(requestCorrection(db, self, { changes: { phone: "12" }, note: "" })).rejects.toBeInstanceOf(InvalidInputError);
    await expect(requestCorrection(db, self, { changes: {}, note: "" })).rejects.toBeInstanceOf(InvalidInputError);
    const request = await requestCorrection(db, self, { changes: { phone: "0922222222", fullName: "Nguyễn Văn Đúng" }, note: "Đổi số" });

    const tqOfficer = await actorFor(db, "tuyenquang.canbo");
    await expect(decideCorrection(db, tqOfficer, { correctionId: request.id, approve: true })).rejects.toBeInstanceOf(NotFoundError);
    const officer = await actorFor(db, "hanoi.canbo");
    expect((await listPendingCorrections(db, officer, member.id)).map((c) => c.id)).toEqual([request.id]);
    await decideCorrection(db, officer, { correctionId: request.id, approve: true });
    const [after] = await db.select().from(members).where(eq(members.id, member.id));
    expect(after).toMatchObject({ phone: "0922222222", fullName: "Nguyễn Văn Đúng", nameFolded: "nguyen van dung", version: 2 });
  });

  it("a declined request changes nothing", async () => {
    const ward = await unitByCode(db, "HA-NOI-BA-DINH");
    const person = await makeUser(db, { unitCode: "HA-NOI-BA-DINH", role: "member" });
    const member = await makeMember(db, ward.id, { userId: person.id, occupation: "Hưu trí" });
    const request = await requestCorrection(db, await actorFor(db, person.username), { changes: { occupation: "Nông dân" }, note: "" });
    await decideCorrection(db, await actorFor(db, "hanoi.canbo"), { correctionId: request.id, approve: false });
    const [after] = await db.select().from(members).where(eq(members.id, member.id));
    expect(after!.occupation).toBe("Hưu trí");
    const [stored] = await db.select().from(memberCorrections).where(eq(memberCorrections.id, request.id));
    expect(stored!.status).toBe("declined");
  });
});
