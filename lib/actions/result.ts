/** What every server action returns: data, or a message plus per-field messages for the form. */
export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | {
      ok: false;
      code: "unauthenticated" | "forbidden" | "not_found" | "invalid" | "conflict" | "error";
      message: string;
      fieldErrors: Record<string, string>;
      details?: unknown;
    };
