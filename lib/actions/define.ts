import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/auth/errors";
import { recordAudit } from "@/lib/audit/service";
import type { Db } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { translateIssue } from "@/lib/validation";
import type { ActionResult } from "./result";

export interface ActionContext {
  db: Db;
  actor: Actor | null;
}

export interface DefinedAction<I, T> {
  (input: I): Promise<ActionResult<T>>;
  /** The name the permission matrix knows this action by. */
  actionName: string;
  /** Runs the action with an explicit context: what the request path and the tests both call. */
  execute(ctx: ActionContext, input: unknown): Promise<ActionResult<T>>;
}

/**
 * The one wrapper for server actions: parse with zod, run the service with the actor and the
 * database, turn domain errors into typed results, and log refusals. Services do the permission
 * checks (with the unit scope in SQL); the wrapper never decides access itself.
 */
export function defineAction<S extends z.ZodType, T>(
  name: string,
  schema: S,
  handler: (ctx: ActionContext, input: z.output<S>) => Promise<T>,
  options: { success?: MessageKey } = {},
): DefinedAction<z.input<S>, T> {
  const execute = async (ctx: ActionContext, raw: unknown): Promise<ActionResult<T>> => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join(".") || "_form";
        fieldErrors[field] ??= translateIssue(issue);
      }
      return { ok: false, code: "invalid", message: t("error.invalid"), fieldErrors };
    }
    try {
      const data = await handler(ctx, parsed.data);
      return { ok: true, data, message: options.success ? t(options.success) : undefined };
    } catch (error) {
      if (error instanceof DomainError) {
        if ((error.code === "forbidden" || error.code === "not_found") && ctx.actor) {
          await recordAudit(ctx.db, ctx.actor, {
            action: name,
            entityType: "action",
            outcome: "denied",
            unitId: null,
          }).catch(() => {});
        }
        const fieldErrors = Object.fromEntries(
          Object.entries(error.fieldErrors).map(([field, key]) => [field, t(key, error.values)]),
        );
        return { ok: false, code: error.code, message: t(error.messageKey, error.values), fieldErrors, details: error.details };
      }
      console.error(`[action ${name}]`, safeErrorSummary(error));
      return { ok: false, code: "error", message: t("error.unexpected"), fieldErrors: {} };
    }
  };

  const action = async (input: z.input<S>) => {
    const { resolveActionContext } = await import("./context");
    return execute(await resolveActionContext(), input);
  };
  return Object.assign(action, { actionName: name, execute });
}

/**
 * What may go to the log about an unexpected error: its kind and the database's error code and
 * constraint, never the message, which for a failed query carries the parameters (names, IDs).
 */
export function safeErrorSummary(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const cause = (error as { cause?: { code?: string; constraint?: string; constraint_name?: string } }).cause;
  const parts = [error.name];
  if (cause?.code) parts.push(`sqlstate=${cause.code}`);
  const constraint = cause?.constraint ?? cause?.constraint_name;
  if (constraint) parts.push(`constraint=${constraint}`);
  return parts.join(" ");
}
