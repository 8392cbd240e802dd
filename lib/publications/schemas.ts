import { z } from "zod";
import { dateField, optionalText, requiredText, uuidField } from "@/lib/validation";

const blankToNull = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal(""), z.null(), schema]).optional().transform((v) => (v === "" || v === undefined ? null : (v as z.output<T>)));

export const PUBLICATION_KINDS = ["newsletter", "book"] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/**
 * A publication's fields, shared by the form and the upload route. The files themselves (PDF,
 * cover) travel beside them in the same multipart request and are checked by the service.
 */
export const publicationFields = z.object({
  unitId: uuidField,
  kind: z.enum(PUBLICATION_KINDS, "validation.choice"),
  title: requiredText(200),
  issueNumber: optionalText(40),
  // FormData carries strings: coerce, and say what a year is when it is not one.
  year: z.coerce.number("publication.yearRange").int("publication.yearRange").min(1900, "publication.yearRange").max(2100, "publication.yearRange"),
  description: optionalText(2000),
});

export const createPublicationInput = publicationFields;
export const updatePublicationInput = publicationFields.extend({
  id: uuidField,
  /** Take the cover off (ignored when a new cover comes with the request). */
  removeCover: z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean()).default(false),
});
export const publicationIdInput = z.object({ id: uuidField });

export const albumFields = z.object({
  unitId: uuidField,
  title: requiredText(200),
  description: optionalText(2000),
  takenOn: blankToNull(dateField),
});
export const createAlbumInput = albumFields;
export const updateAlbumInput = albumFields.extend({ id: uuidField });
export const albumIdInput = z.object({ id: uuidField });

export const addVideoLinkInput = z.object({ albumId: uuidField, url: requiredText(500), caption: optionalText(300) });
export const mediaItemIdInput = z.object({ itemId: uuidField });
export const updateCaptionInput = z.object({ itemId: uuidField, caption: optionalText(300) });
export const moveMediaItemInput = z.object({ itemId: uuidField, direction: z.enum(["up", "down"], "validation.choice") });

export type PublicationFields = z.output<typeof publicationFields>;
export type CreatePublicationInput = z.output<typeof createPublicationInput>;
export type UpdatePublicationInput = z.output<typeof updatePublicationInput>;
export type AlbumFields = z.output<typeof albumFields>;
export type UpdateAlbumInput = z.output<typeof updateAlbumInput>;
export type AddVideoLinkInput = z.output<typeof addVideoLinkInput>;
