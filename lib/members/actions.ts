"use server";

import { defineAction } from "@/lib/actions/define";
import { decideCorrection, requestCorrection } from "./corrections";
import { addParticipation, removeParticipation } from "./participation";
import { decideTransfer, recordEvaluations, recordExit, requestTransfer } from "./lifecycle";
import {
  addParticipationInput,
  removeParticipationInput,
  createMemberInput,
  decideCorrectionInput,
  decideTransferInput,
  requestCorrectionInput,
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

export const requestCorrectionAction = defineAction(
  "member.requestCorrection",
  requestCorrectionInput,
  async ({ db, actor }, input) => ({ id: (await requestCorrection(db, actor, input)).id }),
  { success: "member.correctionRequested" },
);

export const decideCorrectionAction = defineAction(
  "member.decideCorrection",
  decideCorrectionInput,
  async ({ db, actor }, input) => decideCorrection(db, actor, input),
  { success: "member.correctionDecidedOk" },
);

export const addParticipationAction = defineAction(
  "member.addParticipation",
  addParticipationInput,
  async ({ db, actor }, input) => ({ id: (await addParticipation(db, actor, input)).id }),
  { success: "member.participationAdded" },
);

export const removeParticipationAction = defineAction(
  "member.removeParticipation",
  removeParticipationInput,
  async ({ db, actor }, input) => removeParticipation(db, actor, input),
  { success: "member.participationRemoved" },
);
