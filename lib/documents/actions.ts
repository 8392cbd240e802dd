"use server";

import { defineAction } from "@/lib/actions/define";
import { publicTags } from "@/lib/cache/public";
import { revalidatePublic } from "@/lib/cache/revalidate";
import { removeDocumentFile } from "./files";
import { createDocumentInput, documentIdInput, removeFileInput, updateDocumentInput } from "./schemas";
import { createDocument, setDocumentPublished, updateDocument } from "./service";
import { z } from "zod";

export const createDocumentAction = defineAction(
  "document.create",
  createDocumentInput,
  async ({ db, actor }, input) => {
    const created = await createDocument(db, actor, input);
    return { id: created.id, flagged: created.symbolFlagged };
  },
  { success: "document.created" },
);

export const updateDocumentAction = defineAction(
  "document.update",
  updateDocumentInput,
  async ({ db, actor }, input) => {
    const updated = await updateDocument(db, actor, input);
    revalidatePublic([publicTags.documents, publicTags.document(updated.id)]);
    return { version: updated.version };
  },
  { success: "document.saved" },
);

export const setDocumentPublishedAction = defineAction(
  "document.setPublished",
  documentIdInput.extend({ published: z.boolean() }),
  async ({ db, actor }, input) => {
    const updated = await setDocumentPublished(db, actor, input);
    revalidatePublic([publicTags.documents, publicTags.document(updated.id)]);
    return { published: updated.publishedAt !== null };
  },
);

export const removeDocumentFileAction = defineAction(
  "document.removeFile",
  removeFileInput,
  async ({ db, actor }, input) => {
    const removed = await removeDocumentFile(db, actor, input);
    revalidatePublic([publicTags.documents, publicTags.document(removed.documentId)]);
    return removed;
  },
  { success: "document.fileRemoved" },
);
