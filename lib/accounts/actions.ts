"use server";

import { cookies } from "next/headers";
import { defineAction } from "@/lib/actions/define";
import { ACTIVE_UNIT_COOKIE } from "@/lib/auth/session";
import { kickJobs } from "@/lib/jobs/kick";
import {
  assignRoleInput,
  changePasswordInput,
  createUserInput,
  removeRoleInput,
  resetPasswordInput,
  setUserDisabledInput,
  switchUnitInput,
  updateProfileInput,
  updateUserInput,
} from "./schemas";
import {
  assignRole,
  changeOwnPassword,
  createUser,
  removeRole,
  resetUserPassword,
  setUserDisabled,
  switchActiveUnit,
  updateOwnProfile,
  updateUser,
} from "./service";

export const createUserAction = defineAction(
  "account.createUser",
  createUserInput,
  async ({ db, actor }, input) => {
    const result = await createUser(db, actor, input);
    kickJobs();
    return result;
  },
  { success: "account.created" },
);

export const updateUserAction = defineAction(
  "account.updateUser",
  updateUserInput,
  async ({ db, actor }, input) => updateUser(db, actor, input),
  { success: "account.updated" },
);

export const setUserDisabledAction = defineAction(
  "account.setUserDisabled",
  setUserDisabledInput,
  async ({ db, actor }, input) => setUserDisabled(db, actor, input),
);

export const resetUserPasswordAction = defineAction(
  "account.resetPassword",
  resetPasswordInput,
  async ({ db, actor }, input) => resetUserPassword(db, actor, input),
  { success: "account.resetDone" },
);

export const assignRoleAction = defineAction(
  "account.assignRole",
  assignRoleInput,
  async ({ db, actor }, input) => assignRole(db, actor, input),
  { success: "account.roleAssigned" },
);

export const removeRoleAction = defineAction(
  "account.removeRole",
  removeRoleInput,
  async ({ db, actor }, input) => removeRole(db, actor, input),
  { success: "account.roleRemoved" },
);

export const changeOwnPasswordAction = defineAction(
  "account.changeOwnPassword",
  changePasswordInput,
  async ({ db, actor }, input) => {
    const result = await changeOwnPassword(db, actor, input);
    kickJobs();
    // The old session is now outdated; the form signs in again with the new password.
    return { username: result.username };
  },
  { success: "password.changed" },
);

export const updateOwnProfileAction = defineAction(
  "account.updateOwnProfile",
  updateProfileInput,
  async ({ db, actor }, input) => updateOwnProfile(db, actor, input),
  { success: "account.profileSaved" },
);

export const switchActiveUnitAction = defineAction(
  "account.switchActiveUnit",
  switchUnitInput,
  async ({ db, actor }, input) => {
    const result = await switchActiveUnit(db, actor, input);
    try {
      (await cookies()).set(ACTIVE_UNIT_COOKIE, result.unitId, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: (process.env.APP_URL ?? "").startsWith("https:"),
      });
    } catch {
      // Outside a request (the permission matrix calls actions directly) there is no cookie to set.
    }
    return result;
  },
);
