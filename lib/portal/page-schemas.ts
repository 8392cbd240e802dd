import { z } from "zod";
import { PORTAL_PAGE_KEYS } from "@/db/schema/portal";
import { requiredText } from "@/lib/validation";

/** Generous for a page of text and images by address; stops a pasted document from bloating every page view. */
export const PORTAL_PAGE_MAX_HTML = 200_000;

/**
 * One organisation page as its form sends it. The body's blankness is judged by the service on
 * the sanitised HTML (what is left after cleaning); here only "something was typed".
 */
export const updatePortalPageInput = z.object({
  key: z.enum(PORTAL_PAGE_KEYS, "validation.choice"),
  title: requiredText(200),
  bodyHtml: z.string("site.page.bodyRequired").trim().min(1, "site.page.bodyRequired").max(PORTAL_PAGE_MAX_HTML, "site.page.bodyTooLong"),
  // The version the form was loaded from (0: never written); FormData carries it as a string.
  version: z.coerce.number("validation.invalid").int("validation.invalid").min(0, "validation.invalid"),
});

export type UpdatePortalPageInput = z.output<typeof updatePortalPageInput>;
