import { and, desc, sql } from "drizzle-orm";
import { documents, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { listUnitOptions } from "@/lib/org/units";
import { listExternalIssuers } from "./service";
import { DOCUMENT_TYPES } from "./types";
import { outer } from "@/lib/db/sql";

/** What the document form offers: the actor's units, issuers, types, fields in use, possible replacements. */
export async function documentFormOptions(db: Db, actor: Actor | null) {
  const scope = requirePermission(actor, "document.manage");
  const [unitOptions, issuerUnits, external, fields, replacements] = await Promise.all([
    listUnitOptions(db, actor, "document.manage"),
    db.select({ id: units.id, name: units.name, level: units.level }).from(units).where(sql`${units.activeTo} is null`).orderBy(units.path).limit(2000),
    listExternalIssuers(db),
    db.selectDistinct({ field: documents.field }).from(documents).where(sql`${documents.field} <> ''`).orderBy(documents.field).limit(200),
    db
      .select({ id: documents.id, numberSymbol: documents.numberSymbol, abstract: documents.abstract })
      .from(documents)
      .where(and(sql`exists (select 1 from ${units} u where u.id = ${outer(documents.unitId)} and ${inScope(sql`u.path`, scope)})`))
      .orderBy(desc(documents.issuedOn))
      .limit(500),
  ]);
  return {
    units: unitOptions.map((u) => ({ id: u.id, name: u.name, level: u.level })),
    issuerUnits,
    externalIssuers: external.map((e) => ({ id: e.id, name: e.name })),
    types: DOCUMENT_TYPES.map((ty) => ({ code: ty.code, name: ty.name })),
    fields: fields.map((f) => f.field),
    replacements: replacements.map((r) => ({ id: r.id, label: `${r.numberSymbol} — ${r.abstract.slice(0, 80)}` })),
  };
}
