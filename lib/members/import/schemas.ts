import { z } from "zod";
import { uuidField } from "@/lib/validation";
import { MEMBER_FIELDS } from "../fields";
import { IMPORT_TARGETS } from "./mapping";

const rowNumber = z.coerce.number().int().min(1).max(1_000_000);

export const confirmMappingInput = z.object({
  batchId: uuidField,
  mapping: z.record(z.string().regex(/^\d{1,3}$/), z.enum(IMPORT_TARGETS as [string, ...string[]]).nullable()),
});

export const fixRowInput = z.object({
  batchId: uuidField,
  rowNumber,
  values: z.object(Object.fromEntries(MEMBER_FIELDS.map((f) => [f.key, z.string().max(500).optional()]))).transform(
    (v) => Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string")),
  ),
});

export const decideRowsInput = z.object({
  batchId: uuidField,
  rowNumbers: z.array(rowNumber).min(1).max(100_000),
  decision: z.enum(["create", "skip", "secondary", "update"]),
});

export const batchInput = z.object({ batchId: uuidField });
