import { z } from "zod";
import { partnerLinkGroup } from "@/db/schema";
import { dateField, optionalText, requiredText, uuidField } from "@/lib/validation";

/** One zod schema per input of the portal's site furniture, shared by the forms, the actions and the upload route. */

/** "" (an empty select or input) and a missing value both mean "none". */
const blankToNull = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal(""), z.null(), schema]).optional().transform((v) => (v === "" || v === undefined ? null : (v as z.output<T>)));

const direction = z.enum(["up", "down"], "validation.choice");

// ── Categories

export const CATEGORY_NAME_MAX = 120;

export const createCategoryInput = z.object({
  name: requiredText(CATEGORY_NAME_MAX),
  parentId: blankToNull(uuidField),
  description: optionalText(500),
});
export const updateCategoryInput = z.object({ id: uuidField, name: requiredText(CATEGORY_NAME_MAX), description: optionalText(500) });
export const moveCategoryInput = z.object({ id: uuidField, parentId: blankToNull(uuidField) });
export const reorderCategoryInput = z.object({ id: uuidField, direction });
export const setCategoryActiveInput = z.object({ id: uuidField, active: z.boolean("validation.choice") });
export const categoryIdInput = z.object({ id: uuidField });

export type CreateCategoryInput = z.output<typeof createCategoryInput>;
export type UpdateCategoryInput = z.output<typeof updateCategoryInput>;
export type MoveCategoryInput = z.output<typeof moveCategoryInput>;

// ── Banners and slogans

/** A banner's link: an absolute http(s) address, or a path on this site ("/tin-tuc/…", not "//host"). */
export function isBannerLink(value: string): boolean {
  if (value.startsWith("/")) return !value.startsWith("//") && !/[\\\s]/.test(value);
  return isWebAddress(value);
}

const bannerFields = z.object({
  slogan: requiredText(200),
  linkUrl: optionalText(500).refine((v) => v === "" || isBannerLink(v), "site.banner.linkInvalid"),
  startsOn: dateField,
  endsOn: blankToNull(dateField),
  // FormData carries strings: coerce; an empty box is position 0.
  position: z.coerce.number("site.banner.positionInvalid").int("site.banner.positionInvalid").min(0, "site.banner.positionInvalid").max(999, "site.banner.positionInvalid").default(0),
});

/**
 * The last day may not come before the first. Checked even while other fields are wrong (so every
 * problem shows at once), as long as both dates themselves are valid.
 */
const endsAfterStarts = {
  path: ["endsOn"],
  message: "site.banner.endsBeforeStarts",
  when: (payload: z.core.ParsePayload) => !payload.issues.some((i) => i.path?.[0] === "startsOn" || i.path?.[0] === "endsOn"),
};
const inOrder = (v: { startsOn: string; endsOn: string | null }) => !v.endsOn || v.endsOn >= v.startsOn;

export const createBannerInput = bannerFields.refine(inOrder, endsAfterStarts);
export const updateBannerInput = bannerFields
  .extend({
    id: uuidField,
    /** Take the image off (ignored when a new image comes with the request). */
    removeImage: z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean()).default(false),
  })
  .refine(inOrder, endsAfterStarts);
export const bannerIdInput = z.object({ id: uuidField });

/** The text fields of the banner form, as the upload route reads them from the multipart body. */
export const BANNER_FIELDS = ["slogan", "linkUrl", "startsOn", "endsOn", "position"] as const;

export type BannerFields = z.output<typeof createBannerInput>;
export type UpdateBannerInput = z.output<typeof updateBannerInput>;

// ── Partner links

export const PARTNER_LINK_GROUPS = partnerLinkGroup.enumValues;
export type PartnerLinkGroupName = (typeof PARTNER_LINK_GROUPS)[number];

/** An absolute http(s) address naming a host with a dot in it (a public site), no user name or password in it. */
export function isWebAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".") && !url.username && !url.password;
}

const linkFields = z.object({
  group: z.enum(PARTNER_LINK_GROUPS, "validation.choice"),
  name: requiredText(200),
  url: z.string("validation.required").trim().min(1, "validation.required").max(500, "validation.tooLong").refine(isWebAddress, "site.link.urlInvalid"),
});

export const createLinkInput = linkFields;
export const updateLinkInput = linkFields.extend({ id: uuidField });
export const reorderLinkInput = z.object({ id: uuidField, direction });
export const setLinkActiveInput = z.object({ id: uuidField, active: z.boolean("validation.choice") });
export const linkIdInput = z.object({ id: uuidField });

export type CreateLinkInput = z.output<typeof createLinkInput>;
export type UpdateLinkInput = z.output<typeof updateLinkInput>;
