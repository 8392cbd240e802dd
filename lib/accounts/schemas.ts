import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { requiredText, uuidField } from "@/lib/validation";

export const username = z
  .string("validation.required")
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,40}$/, "validation.username");
const email = z
  .union([z.literal(""), z.email("validation.email").max(200)])
  .default("")
  .transform((v) => (v ? v.toLowerCase() : null));
const password = z.string("validation.required").min(1, "validation.required").max(200, "password.tooLong");
export const roleField = z.enum(ROLES, "validation.choice");

export const createUserInput = z.object({
  username,
  fullName: requiredText(120),
  email,
  homeUnitId: uuidField,
  role: roleField,
  temporaryPassword: password,
});

export const updateUserInput = z.object({ id: uuidField, fullName: requiredText(120), email, homeUnitId: uuidField });
export const setUserDisabledInput = z.object({ id: uuidField, disabled: z.boolean() });
export const resetPasswordInput = z.object({ id: uuidField, temporaryPassword: password });
export const assignRoleInput = z.object({ userId: uuidField, role: roleField, unitId: uuidField });
export const removeRoleInput = z.object({ assignmentId: uuidField });

export const changePasswordInput = z
  .object({ currentPassword: password, newPassword: password, confirmPassword: password })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "password.mismatch" });

export const updateProfileInput = z.object({ fullName: requiredText(120), email });
export const switchUnitInput = z.object({ unitId: uuidField });

export type CreateUserInput = z.infer<typeof createUserInput>;
