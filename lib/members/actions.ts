"use server";

import { defineAction } from "@/lib/actions/define";
import { decideTransfer, recordEvaluations, recordExit, requestTransfer } from "./lifecycle";
import {
  createMemberInput,
  decideTransferInput,
  recordEvaluationsInput,
  recordExitInput,
  requestTransferInput,
  updateMemberInput,
} from "./schemas";
import { createMember, updateMember } from "./service";

export const createMemberAction = defineAction(
  "member.create",
  createMemberInput,
  async ({ db, actor }, input) => ({ id: (await createMember(db, actor, input)).id }),
  { success: "member.created" },
);

export const updateMemberAction = defineAction(
  "member.update",
  updateMemberInput,
  async ({ db, actor }, input) => ({ version: (await updateMember(db, actor, input)).version }),
  { success: "member.saved" },
);

export const recordEvaluationsAction = defineAction(
  "member.recordEvaluations",
  recordEvaluationsInput,
  async ({ db, actor }, input) => recordEvaluations(db, actor, input),
  { success: "member.evaluationsSaved" },
);

export const recordExitAction = defineAction(
  "member.recordExit",
  recordExitInput,
  async ({ db, actor }, input) => recordExit(db, actor, input),
  { success: "member.exitSaved" },
);

export const requestTransferAction = defineAction(
  "member.requestTransfer",
  requestTransferInput,
  async ({ db, actor }, input) => ({ id: (await requestTransfer(db, actor, input)).id }),
  { success: "member.transferRequested" },
);

export const decideTransferAction = defineAction(
  "member.decideTransfer",
  decideTransferInput,
  async ({ db, actor }, input) => decideTransfer(db, actor, input),
  { success: "member.transferDecidedOk" },
);
