"use server";

import { defineAction } from "@/lib/actions/define";
import { batchInput, confirmMappingInput, decideRowsInput, fixRowInput } from "./schemas";
import { commitImport, confirmImportMapping, decideImportRows, discardImport, fixImportRow } from "./service";

export const confirmImportMappingAction = defineAction(
  "member.importMapping",
  confirmMappingInput,
  async ({ db, actor }, input) => confirmImportMapping(db, actor, input),
  { success: "import.mappingSaved" },
);

export const fixImportRowAction = defineAction("member.importFixRow", fixRowInput, async ({ db, actor }, input) => fixImportRow(db, actor, input));

export const decideImportRowsAction = defineAction(
  "member.importDecide",
  decideRowsInput,
  async ({ db, actor }, input) => decideImportRows(db, actor, input),
  { success: "import.decided" },
);

export const commitImportAction = defineAction("member.importCommit", batchInput, async ({ db, actor }, input) => commitImport(db, actor, input));

export const discardImportAction = defineAction(
  "member.importDiscard",
  batchInput,
  async ({ db, actor }, input) => discardImport(db, actor, input),
  { success: "import.discardedOk" },
);
