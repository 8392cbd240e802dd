import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import {
  orgSettings,
  passwordHistory,
  roleAssignments,
  unitSuccessions,
  units,
  users,
  type OrgSettings,
} from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/types";
import { todayInVietnam } from "@/lib/i18n/format";
import { countFromOlderRegister } from "@/lib/stats/rebuild";
import { DEMO_ACCOUNT_SPECS, DEMO_PASSWORD, demoEmail, type DemoAccount } from "./accounts";
import {
  DEMO_COMMUNES,
  FORMER_CITIES,
  PROVINCES,
  PROVINCES_EFFECTIVE_FROM,
  baseName,
  branchNames,
  slugCode,
} from "./places";
import { seedDocuments } from "./documents";
import { seedMembers } from "./members";
import { seedPortalArticles } from "./portal-articles";
import { seedPortalPages } from "./portal-pages";
import { seedPortalSite } from "./portal-site";

export { DEMO_PASSWORD, type DemoAccount } from "./accounts";

type NewOrgSettings = Omit<OrgSettings, "id" | "updatedAt">;

export const DEMO_ORG: NewOrgSettings = {
  orgName: "Hội Cựu Thanh niên xung phong Việt Nam",
  shortName: "Hội Cựu TNXP Việt Nam",
  memberTerm: "hội viên",
  levelNames: ["Trung ương Hội", "Tỉnh/Thành hội", "Hội cơ sở", "Chi hội"],
  numberingStyle: "HD36",
  address: "Số 1 phố Ví Dụ, phường Ba Đình, Hà Nội",
  phone: "024 0000 0000",
  email: "vanphong@ketnoi.example.vn",
  // A veterans' association admits former youth volunteers of any age.
  admissionMinAge: null,
  admissionMaxAge: null,
};

/** Units that existed long before the demo's time frame. */
const LONG_AGO = "2000-01-01";
const DISSOLVED_ON = "2025-06-30";
const MERGE_NOTE = "Sáp nhập theo Nghị quyết 202/2025/QH15";
const UNIT_PREFIX = "Hội Cựu TNXP";

export interface PlannedUnit {
  id: string;
  name: string;
  code: string;
  level: number;
  parentId: string | null;
  path: string;
  activeFrom: string;
  activeTo: string | null;
}

export interface PlannedSuccession {
  predecessorId: string;
  successorId: string;
}

export interface DemoPlan {
  units: PlannedUnit[];
  successions: PlannedSuccession[];
}

/** ltree label of a unit: its uuid without dashes. */
function label(id: string): string {
  return id.replace(/-/g, "");
}

/**
 * The demo unit tree: the same names, codes and shape on every call; only the uuids are fresh.
 * Root → 34 provinces (+ dissolved former provinces with a succession link) → communes → branches.
 */
export function buildDemoPlan(): DemoPlan {
  const plan: DemoPlan = { units: [], successions: [] };
  const add = (unit: Omit<PlannedUnit, "id" | "path">, parent: PlannedUnit | null): PlannedUnit => {
    const id = randomUUID();
    const planned: PlannedUnit = { ...unit, id, path: parent ? `${parent.path}.${label(id)}` : label(id) };
    plan.units.push(planned);
    return planned;
  };

  const root = add(
    { name: "Trung ương Hội Cựu TNXP Việt Nam", code: "TW", level: 0, parentId: null, activeFrom: LONG_AGO, activeTo: null },
    null,
  );

  for (const province of PROVINCES) {
    const base = baseName(province.name);
    const code = slugCode(base);
    const merged = province.formedFrom.length > 0;
    const current = add(
      {
        name: `${UNIT_PREFIX} ${province.kind === "city" ? "thành phố" : "tỉnh"} ${base}`,
        code,
        level: 1,
        parentId: root.id,
        activeFrom: merged ? PROVINCES_EFFECTIVE_FROM : LONG_AGO,
        activeTo: null,
      },
      root,
    );

    for (const former of province.formedFrom) {
      const formerBase = baseName(former);
      const dissolved = add(
        {
          name: `${UNIT_PREFIX} ${FORMER_CITIES.has(former) ? "thành phố" : "tỉnh"} ${formerBase} (trước 01/07/2025)`,
          code: `${slugCode(formerBase)}-CU`,
          level: 1,
          parentId: root.id,
          activeFrom: LONG_AGO,
          activeTo: DISSOLVED_ON,
        },
        root,
      );
      plan.successions.push({ predecessorId: dissolved.id, successorId: current.id });
    }

    (DEMO_COMMUNES[province.name] ?? []).forEach((commune, communeIndex) => {
      const communeUnit = add(
        {
          name: `${UNIT_PREFIX} ${commune.kind} ${commune.name}`,
          code: `${code}-${slugCode(commune.name)}`,
          level: 2,
          parentId: current.id,
          activeFrom: PROVINCES_EFFECTIVE_FROM,
          activeTo: null,
        },
        current,
      );
      branchNames(commune, communeIndex).forEach((name, branchIndex) => {
        add(
          {
            name,
            code: `${communeUnit.code}-CH${branchIndex + 1}`,
            level: 3,
            parentId: communeUnit.id,
            activeFrom: PROVINCES_EFFECTIVE_FROM,
            activeTo: null,
          },
          communeUnit,
        );
      });
    });
  }
  return plan;
}

/** The demo accounts with the names of their units, as the seed creates them. */
export function demoAccounts(plan: DemoPlan = buildDemoPlan()): DemoAccount[] {
  const byCode = new Map(plan.units.map((u) => [u.code, u]));
  return DEMO_ACCOUNT_SPECS.map((spec) => {
    const unit = byCode.get(spec.unitCode);
    if (!unit) throw new Error(`Demo account ${spec.username}: no unit with code ${spec.unitCode}`);
    return { username: spec.username, role: spec.role, unitName: unit.name };
  });
}

export interface SeedDemoOptions {
  /** Today in Vietnam (yyyy-MM-dd); the generated members' ages and dates are counted from it. */
  today?: string;
  /** Also generate the demo documents with their PDF files (slow-ish: the demo and e2e want them, most tests do not). */
  documents?: boolean;
}

/**
 * Creates the demo organisation, its accounts and about 3,000 generated members in one
 * transaction. Does nothing when org_settings already has a row (the database has been set up, by
 * this seed or by create-admin).
 */
export async function seedDemo(db: Db, options: SeedDemoOptions = {}): Promise<{ seeded: boolean; accounts: DemoAccount[] }> {
  const plan = buildDemoPlan();
  const accounts = demoAccounts(plan);

  const existing = await db.select({ id: orgSettings.id }).from(orgSettings).limit(1);
  if (existing.length > 0) return { seeded: false, accounts: await existingDemoAccounts(db, accounts) };

  // Hashing is slow on purpose: once, outside the transaction, shared by all demo accounts.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const byCode = new Map(plan.units.map((u) => [u.code, u]));

  const seeded = await db.transaction(async (tx) => {
    // The settings row is the claim: a concurrent seed that lost the race inserts nothing else.
    const claimed = await tx.insert(orgSettings).values(DEMO_ORG).onConflictDoNothing().returning({ id: orgSettings.id });
    if (claimed.length === 0) return false;

    // Parents before children, one statement per level.
    for (let level = 0; level <= 3; level++) {
      const rows = plan.units.filter((u) => u.level === level);
      if (rows.length > 0) await tx.insert(units).values(rows);
    }
    await tx.insert(unitSuccessions).values(
      plan.successions.map((s) => ({ ...s, kind: "merge" as const, effectiveOn: PROVINCES_EFFECTIVE_FROM, note: MERGE_NOTE })),
    );

    for (const spec of DEMO_ACCOUNT_SPECS) {
      const unit = byCode.get(spec.unitCode)!;
      const [user] = await tx
        .insert(users)
        .values({
          username: spec.username,
          email: demoEmail(spec.username),
          fullName: spec.fullName,
          homeUnitId: unit.id,
          passwordHash,
          mustChangePassword: false,
        })
        .returning({ id: users.id });
      await tx.insert(roleAssignments).values({ userId: user!.id, role: spec.role, unitId: unit.id });
      await tx.insert(passwordHistory).values({ userId: user!.id, passwordHash });
    }

    await seedMembers(tx, { today: options.today ?? todayInVietnam() });
    // The demo's members come from an older register: the statistics show each from the day it joined.
    await countFromOlderRegister(tx);
    await seedPortalPages(tx);
    await seedPortalSite(tx, { today: options.today });
    await seedPortalArticles(tx, { today: options.today });
    return true;
  });

  if (seeded && options.documents) await seedDocuments(db);
  return { seeded, accounts: seeded ? accounts : await existingDemoAccounts(db, accounts) };
}

/**
 * Of the demo accounts, those present in the database with their demo role: all of them after a
 * demo seed, none on a database set up with create-admin (whose credentials must not be advertised).
 */
async function existingDemoAccounts(db: Db, accounts: DemoAccount[]): Promise<DemoAccount[]> {
  const rows = await db
    .select({ username: users.username, role: roleAssignments.role })
    .from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id))
    .where(inArray(users.username, accounts.map((a) => a.username)));
  const present = new Set(rows.map((r) => `${r.username}\u0000${r.role}`));
  return accounts.filter((a) => present.has(`${a.username}\u0000${a.role}`));
}
