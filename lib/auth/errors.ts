import type { MessageKey } from "@/lib/i18n";

/** Errors services throw; the action wrapper turns them into typed results for forms. */
export class DomainError extends Error {
  constructor(
    readonly code: "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict",
    readonly messageKey: MessageKey,
    readonly fieldErrors: Record<string, MessageKey> = {},
    readonly values: Record<string, string | number> = {},
    /** Data the form needs to explain the refusal (e.g. the newer version of a record). */
    readonly details?: unknown,
  ) {
    super(messageKey);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor() {
    super("unauthenticated", "error.unauthenticated");
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super("forbidden", "error.forbidden");
  }
}

/** A row outside the actor's scope reads as "not found": its existence is not revealed. */
export class NotFoundError extends DomainError {
  constructor(key: MessageKey = "error.notFound") {
    super("not_found", key);
  }
}

export class InvalidInputError extends DomainError {
  constructor(fieldErrors: Record<string, MessageKey>, key: MessageKey = "error.invalid") {
    super("invalid", key, fieldErrors);
  }
}

export class ConflictError extends DomainError {
  constructor(
    key: MessageKey,
    fieldErrors: Record<string, MessageKey> = {},
    options: { values?: Record<string, string | number>; details?: unknown } = {},
  ) {
    super("conflict", key, fieldErrors, options.values, options.details);
  }
}
