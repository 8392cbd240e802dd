"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import type { z } from "zod";
import type { ActionResult } from "@/lib/actions/result";
import { messages, type MessageKey } from "@/lib/i18n/vi";
import { t } from "@/lib/i18n";

/** zodResolver, with the schema's catalogue keys turned into Vietnamese sentences. */
function translatedResolver<T extends FieldValues>(schema: z.ZodType): Resolver<T> {
  const base = zodResolver(schema as never, undefined, { raw: true }) as unknown as Resolver<T>;
  return async (values, context, options) => {
    const result = await base(values, context, options);
    const translate = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if (typeof record.message === "string") {
        record.message = record.message in messages ? t(record.message as MessageKey) : t("validation.invalid");
      }
      for (const [key, value] of Object.entries(record)) if (key !== "ref" && key !== "message") translate(value);
    };
    translate(result.errors);
    return result;
  };
}

/**
 * react-hook-form + zod on the client, the same schema on the server. Field errors from the
 * server land next to their fields; anything else becomes the form's message.
 */
export function useActionForm<T extends FieldValues, R>(
  schema: z.ZodType,
  action: (input: T) => Promise<ActionResult<R>>,
  options: {
    defaultValues: DefaultValues<T>;
    onSuccess?: (data: R, message?: string) => void | Promise<void>;
    /** Sees every refusal, e.g. to show the newer record after an edit conflict. */
    onFailure?: (result: Extract<ActionResult<R>, { ok: false }>) => void;
  },
) {
  const form = useForm<T>({ resolver: translatedResolver<T>(schema), defaultValues: options.defaultValues });
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);

  const onSubmit = form.handleSubmit(async (values) => {
    setStatus(null);
    let result: ActionResult<R>;
    try {
      result = await action(values);
    } catch {
      // The request itself failed: too large for the server's limit, or the connection dropped.
      setStatus({ tone: "error", text: t("error.submitFailed") });
      return;
    }
    if (result.ok) {
      if (result.message) setStatus({ tone: "success", text: result.message });
      await options.onSuccess?.(result.data, result.message);
      return;
    }
    options.onFailure?.(result);
    const known = Object.keys(form.getValues());
    let placed = false;
    for (const [field, message] of Object.entries(result.fieldErrors)) {
      if (known.includes(field.split(".")[0]!)) {
        form.setError(field as Path<T>, { type: "server", message }, { shouldFocus: !placed });
        placed = true;
      }
    }
    const extra = Object.entries(result.fieldErrors)
      .filter(([field]) => !known.includes(field.split(".")[0]!))
      .map(([, m]) => m);
    setStatus({ tone: "error", text: [result.message, ...extra].join(" ") });
  });

  return { form, onSubmit, status, setStatus };
}
