import { describe, it, expect, beforeAll, afterAll } from "vitest";
import type { DatabaseHandle } from "@/lib/db/types";
import { buildDemoPlan, seedDemo } from "@/db/seed/demo";
import { BIRTH_PROVINCE_CODES, generateMembers, type SeedUnit } from "@/db/seed/members";
import { foldVietnamese, todayInVietnam } from "@/lib/i18n/format";
import { personNameSortKey } from "@/lib/i18n/sort-key";
import { createTestDatabase } from "../helpers/db";

/** One "today" for the whole file, so both databases are seeded for the same day. */
const TODAY = todayInVietnam();
const YEAR = Number(TODAY.slice(0, 4));

let handle: DatabaseHandle;
let seedMs = 0;

async function query<T>(text: string, values: unknown[] = [], on: DatabaseHandle = handle): Promise<T[]> {
  return (await on.executeSql(text, values)).rows as T[];
}

async function count(table: string, on: DatabaseHandle = handle): Promise<number> {
  const [row] = await query<{ n: number }>(`select count(*)::int as n from ${table}`, [], on);
  return row!.n;
}

/** Everything that makes a generated person, in a stable order (uuids differ between databases). */
async function people(on: DatabaseHandle) {
  return query<Record<string, unknown>>(
    `select u.code, m.full_name, m.birth_date::text as birth_date, m.gender::text as gender, m.national_id, m.phone,
       m.status::text as status, m.joined_on::text as joined_on
     from members m join units u on u.id = m.unit_id
     order by u.code, m.sort_key, m.birth_date, m.national_id nulls last, m.phone nulls last`,
    [],
    on,
  );
}

beforeAll(async () => {
  handle = await createTestDatabase();
  const started = performance.now();
  const result = await seedDemo(handle.db, { today: TODAY });
  seedMs = performance.now() - started;
  expect(result.seeded).toBe(true);
});

afterAll(async () => {
  await handle?.close();
});

describe("demo members", () => {
  it("generates about 3,000 members, mostly at branches, more in Hà Nội and Hồ Chí Minh City than Tuyên Quang", async () => {
    const total = await count("members");
    expect(total).toBeGreaterThanOrEqual(2500);
    expect(total).toBeLessThanOrEqual(3500);
    console.info(`demo seed: ${total} members in ${Math.round(seedMs)} ms`);

    const byLevel = await query<{ level: number; n: number }>(
      `select u.level::int as level, count(*)::int as n from members m join units u on u.id = m.unit_id group by u.level`,
    );
    const atLevel = (level: number) => byLevel.find((r) => r.level === level)?.n ?? 0;
    expect(atLevel(3)).toBeGreaterThan(total * 0.9);
    expect(atLevel(2)).toBeGreaterThan(0);
    expect(atLevel(2) + atLevel(3)).toBe(total);

    const byProvince = await query<{ code: string; n: number }>(
      `select p.code, count(*)::int as n from members m join units u on u.id = m.unit_id
       join units p on p.path = subpath(u.path, 0, 2) group by p.code`,
    );
    const inProvince = (code: string) => byProvince.find((r) => r.code === code)?.n ?? 0;
    expect(inProvince("HA-NOI")).toBeGreaterThan(inProvince("TUYEN-QUANG"));
    expect(inProvince("HO-CHI-MINH")).toBeGreaterThan(inProvince("TUYEN-QUANG"));
    expect(inProvince("TUYEN-QUANG")).toBeGreaterThan(0);
  });

  it("puts every member in an existing, active unit", async () => {
    const [bad] = await query<{ n: number }>(
      `select count(*)::int as n from members m left join units u on u.id = m.unit_id
       where u.id is null or u.active_to is not null`,
    );
    expect(bad!.n).toBe(0);
  });

  it("gives unique national IDs: structurally valid 12-digit CCCD or old 9-digit CMND", async () => {
    const rows = await query<{ national_id: string; birth_date: string; gender: "male" | "female" }>(
      `select national_id, birth_date::text as birth_date, gender::text as gender from members where national_id is not null`,
    );
    const total = await count("members");
    expect(rows.length).toBeGreaterThan(total * 0.7);
    expect(new Set(rows.map((r) => r.national_id)).size).toBe(rows.length);
    const provinceCodes = new Set(Object.values(BIRTH_PROVINCE_CODES));
    let cmnd = 0;
    for (const { national_id: id, birth_date: birthDate, gender } of rows) {
      expect(id).toMatch(/^(\d{12}|\d{9})$/);
      if (id.length === 9) {
        cmnd++;
        continue;
      }
      const year = Number(birthDate.slice(0, 4));
      const centuryDigit = (year >= 2000 ? 2 : 0) + (gender === "female" ? 1 : 0);
      expect(provinceCodes.has(id.slice(0, 3)), id).toBe(true);
      expect(Number(id[3]), id).toBe(centuryDigit);
      expect(id.slice(4, 6), id).toBe(String(year % 100).padStart(2, "0"));
    }
    expect(cmnd).toBeGreaterThan(0);
  });

  it("stores the folded name and the Vietnamese sort key of every name", async () => {
    const rows = await query<{ full_name: string; name_folded: string; sort_key: string }>(
      `select full_name, name_folded, sort_key from members`,
    );
    for (const row of rows) {
      expect(row.name_folded, row.full_name).toBe(foldVietnamese(row.full_name));
      expect(row.sort_key, row.full_name).toBe(personNameSortKey(row.full_name));
    }
    const families = new Map<string, number>();
    for (const row of rows) {
      const family = row.full_name.split(" ")[0]!;
      families.set(family, (families.get(family) ?? 0) + 1);
    }
    const nguyen = (families.get("Nguyễn") ?? 0) / rows.length;
    expect(nguyen).toBeGreaterThan(0.25);
    expect(nguyen).toBeLessThan(0.45);
  });

  it("has members turning 30 this year", async () => {
    const [row] = await query<{ n: number }>(
      `select count(*)::int as n from members where extract(year from birth_date)::int = $1 and status = 'active'`,
      [YEAR - 30],
    );
    expect(row!.n).toBeGreaterThan(0);
  });

  it("dates nothing after today and nobody joins before 18", async () => {
    const [row] = await query<{ n: number }>(
      `select count(*)::int as n from members
       where birth_date > $1::date or joined_on > $1::date or status_since > $1::date or party_joined_on > $1::date
          or joined_on < birth_date + interval '18 years' or (status = 'active') <> (status_since is null)`,
      [TODAY],
    );
    expect(row!.n).toBe(0);
  });

  it("records or admits every member, evaluates with a matching event, and dates every exit with a reason", async () => {
    const [missing] = await query<{ n: number }>(
      `select count(*)::int as n from members m
       where not exists (select 1 from member_events e where e.member_id = m.id and e.occurred_on = m.joined_on
         and e.kind = (case when m.joined_on >= make_date(extract(year from $1::date)::int - 1, 1, 1) then 'admitted' else 'recorded' end)::member_event_kind)`,
      [TODAY],
    );
    expect(missing!.n).toBe(0);

    const [exits] = await query<{ n: number; bad: number }>(
      `select count(*)::int as n,
         count(*) filter (where not exists (
           select 1 from member_events e where e.member_id = m.id and e.kind::text = m.status::text
             and e.occurred_on = m.status_since and e.reason <> ''))::int as bad
       from members m where m.status <> 'active'`,
    );
    expect(exits!.n).toBeGreaterThan(0);
    expect(exits!.bad).toBe(0);

    const evaluations = await query<{ year: number; level: string; n: number }>(
      `select year::int as year, level::text as level, count(*)::int as n from member_evaluations group by year, level`,
    );
    expect(new Set(evaluations.map((e) => e.year))).toEqual(new Set([YEAR - 2, YEAR - 1]));
    const byLevel = (level: string) => evaluations.filter((e) => e.level === level).reduce((n, e) => n + e.n, 0);
    expect(byLevel("good")).toBeGreaterThan(byLevel("excellent"));
    expect(byLevel("good")).toBeGreaterThan(byLevel("completed"));
    const [unmatched] = await query<{ n: number }>(
      `select count(*)::int as n from member_evaluations v
       where not exists (select 1 from member_events e where e.member_id = v.member_id and e.kind = 'evaluated'
         and (e.details->>'year')::int = v.year and e.details->>'level' = v.level::text)`,
    );
    expect(unmatched!.n).toBe(0);
    expect(await count("member_events where kind = 'evaluated'")).toBe(await count("member_evaluations"));
  });

  it("gives some members a second branch in the same province", async () => {
    const rows = await query<{ same_unit: boolean; same_province: boolean; level: number }>(
      `select p.unit_id = m.unit_id as same_unit, subpath(pu.path, 0, 2) = subpath(mu.path, 0, 2) as same_province,
         pu.level::int as level
       from member_participations p join members m on m.id = p.member_id
       join units pu on pu.id = p.unit_id join units mu on mu.id = m.unit_id`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThanOrEqual(40);
    for (const row of rows) {
      expect(row.same_unit).toBe(false);
      expect(row.same_province).toBe(true);
      expect(row.level).toBe(3);
    }
  });

  it("links the demo member account to exactly one member at its unit, under its name", async () => {
    const rows = await query<{ full_name: string; user_name: string; same_unit: boolean; status: string }>(
      `select m.full_name, us.full_name as user_name, m.unit_id = us.home_unit_id as same_unit, m.status::text as status
       from members m join users us on us.id = m.user_id where us.username = 'hoivien'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.full_name).toBe(rows[0]!.user_name);
    expect(rows[0]!.same_unit).toBe(true);
    expect(rows[0]!.status).toBe("active");
    expect(await count("members where user_id is not null")).toBe(1);
  });

  it("adds nothing the second time", async () => {
    const tables = ["members", "member_events", "member_evaluations", "member_participations"];
    const before = await Promise.all(tables.map((t) => count(t)));
    const again = await seedDemo(handle.db, { today: TODAY });
    expect(again.seeded).toBe(false);
    expect(await Promise.all(tables.map((t) => count(t)))).toEqual(before);
  });

  it("generates the same people for the same day", () => {
    const units = (): SeedUnit[] =>
      buildDemoPlan().units.map(({ id, code, name, level, parentId, activeTo }) => ({ id, code, name, level, parentId, activeTo }));
    const names = (unitRows: SeedUnit[]) =>
      generateMembers(unitRows, { today: TODAY }).members.map((m) => [m.fullName, m.birthDate, m.nationalId, m.phone]);
    const first = names(units());
    expect(first.length).toBeGreaterThan(0);
    expect(names(units())).toEqual(first);
  });

  it("seeds the same people into a second fresh database", async () => {
    const other = await createTestDatabase();
    try {
      await seedDemo(other.db, { today: TODAY });
      const [mine, theirs] = await Promise.all([people(handle), people(other)]);
      expect(theirs.length).toBe(mine.length);
      expect(theirs.slice(0, 50)).toEqual(mine.slice(0, 50));
      expect(theirs).toEqual(mine);
    } finally {
      await other.close();
    }
  });
});
