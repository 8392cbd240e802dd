"use server";

import { defineAction } from "@/lib/actions/define";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import {
  addVideoLink,
  createAlbum,
  deleteAlbum,
  moveMediaItem,
  publishAlbum,
  removeMediaItem,
  unpublishAlbum,
  updateAlbum,
  updateMediaCaption,
} from "./media";
import {
  addVideoLinkInput,
  albumIdInput,
  createAlbumInput,
  mediaItemIdInput,
  moveMediaItemInput,
  publicationIdInput,
  updateAlbumInput,
  updateCaptionInput,
} from "./schemas";
import { deletePublication, publishPublication, unpublishPublication } from "./service";

// Creating and editing a publication and adding photos or MP4s carry files larger than the
// server-action body limit: those go through the upload routes under app/api/an-pham.
// Every change, once committed, expires the cached public pages of its kind (lib/cache/public.ts).

export const publishPublicationAction = defineAction(
  "publication.publish",
  publicationIdInput,
  async ({ db, actor }, input) => {
    const result = { id: (await publishPublication(db, actor, input)).id };
    revalidatePublic([publicTags.publications]);
    return result;
  },
  { success: "publication.published" },
);

export const unpublishPublicationAction = defineAction(
  "publication.unpublish",
  publicationIdInput,
  async ({ db, actor }, input) => {
    const result = { id: (await unpublishPublication(db, actor, input)).id };
    revalidatePublic([publicTags.publications]);
    return result;
  },
  { success: "publication.unpublished" },
);

export const deletePublicationAction = defineAction(
  "publication.delete",
  publicationIdInput,
  async ({ db, actor }, input) => {
    const result = await deletePublication(db, actor, input);
    revalidatePublic([publicTags.publications]);
    return result;
  },
  { success: "publication.deleted" },
);

export const createAlbumAction = defineAction(
  "media.createAlbum",
  createAlbumInput,
  async ({ db, actor }, input) => {
    const result = { id: (await createAlbum(db, actor, input)).id };
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.albumCreated" },
);

export const updateAlbumAction = defineAction(
  "media.updateAlbum",
  updateAlbumInput,
  async ({ db, actor }, input) => {
    const result = { id: (await updateAlbum(db, actor, input)).id };
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.albumSaved" },
);

export const publishAlbumAction = defineAction(
  "media.publishAlbum",
  albumIdInput,
  async ({ db, actor }, input) => {
    const result = { id: (await publishAlbum(db, actor, input)).id };
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.albumPublished" },
);

export const unpublishAlbumAction = defineAction(
  "media.unpublishAlbum",
  albumIdInput,
  async ({ db, actor }, input) => {
    const result = { id: (await unpublishAlbum(db, actor, input)).id };
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.albumUnpublished" },
);

export const deleteAlbumAction = defineAction(
  "media.deleteAlbum",
  albumIdInput,
  async ({ db, actor }, input) => {
    const result = await deleteAlbum(db, actor, input);
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.albumDeleted" },
);

export const addVideoLinkAction = defineAction(
  "media.addVideoLink",
  addVideoLinkInput,
  async ({ db, actor }, input) => {
    const result = { id: (await addVideoLink(db, actor, input)).id };
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.videoLinkAdded" },
);

export const updateMediaCaptionAction = defineAction(
  "media.updateCaption",
  updateCaptionInput,
  async ({ db, actor }, input) => {
    const result = { id: (await updateMediaCaption(db, actor, input)).id };
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.captionSaved" },
);

export const removeMediaItemAction = defineAction(
  "media.removeItem",
  mediaItemIdInput,
  async ({ db, actor }, input) => {
    const result = await removeMediaItem(db, actor, input);
    revalidatePublic([publicTags.albums]);
    return result;
  },
  { success: "media.itemRemoved" },
);

export const moveMediaItemAction = defineAction(
  "media.moveItem",
  moveMediaItemInput,
  async ({ db, actor }, input) => {
    const result = await moveMediaItem(db, actor, input);
    revalidatePublic([publicTags.albums]);
    return result;
  },
);
