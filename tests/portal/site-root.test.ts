import { and, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DefinedAction } from "@/lib/actions/define";
import { ROLES } from "@/lib/auth/permissions";
import type { DatabaseHandle, Db } from "@/lib/db";
import * as siteActions from "@/lib/portal/site/actions";
import { createTestDatabase } from "../helpers/db";
import { actorFor, makeUser, rowsOf } from "../helpers/fixtures";
import { SITE_ACTION_INPUTS } from "./site-fixtures";

/**
 * The site's actions are organisation-wide, so the permission matrix (roles held at Hà Nội)
 * expects every one of them refused. Here the same actions at the root: whoever holds
 * "portal.manage" there (administrators, editors) may; every other role is refused, and a refusal
 * changes nothing.
 */

const actions = Object.values(siteActions) as DefinedAction<unknown, unknown>[];

let handle: DatabaseHandle;
let db: Db;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
});
afterAll(async () => handle?.close());

async function fingerprint() {
  const out: Record<string, string> = {};
  for (const table of ["article_categories", "portal_banners", "partner_links"]) {
    const [row] = await rowsOf<{ h: string }>(db, sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from ${table} t`));
    out[table] = row!.h;
  }
  return out;
}

describe("the portal site's actions at the root", () => {
  it("each has a valid input here", () => {
    expect(actions.map((a) => a.actionName).sort()).toEqual(Object.keys(SITE_ACTION_INPUTS).sort());
  });

  for (const action of actions) {
    for (const role of ROLES) {
      const allowed = role === "administrator" || role === "editor";
      it(`${action.actionName}: ${role} at the root → ${allowed ? "allowed" : "refused"}`, async () => {
        const user = await makeUser(db, { unitCode: "TW", role });
        const actor = await actorFor(db, user.username);
        const input = await SITE_ACTION_INPUTS[action.actionName]!(db);
        const [{ maxId } = { maxId: 0 }] = await db.select({ maxId: sql<number>`coalesce(max(${auditLog.id}), 0)::int` }).from(auditLog);
        const before = await fingerprint();
        const result = await action.execute({ db, actor }, input);
        if (allowed) {
          expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
          return;
        }
        expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code: "forbidden" });
        expect(await fingerprint()).toEqual(before);
        expect(await db.select().from(auditLog).where(and(gt(auditLog.id, maxId), eq(auditLog.outcome, "ok")))).toEqual([]);
      });
    }
  }
});
