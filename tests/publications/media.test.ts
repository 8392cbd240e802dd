import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mediaAlbums, mediaItems } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { InvalidInputError, NotFoundError } from "@/lib/auth/errors";
import type { DatabaseHandle, Db } from "@/lib/db";
import { sha256Hex } from "@/lib/files/storage";
import {
  addMediaFiles,
  addVideoLink,
  createAlbum,
  deleteAlbum,
  getAlbum,
  listAlbums,
  moveMediaItem,
  publishAlbum,
  removeMediaItem,
  unpublishAlbum,
  updateAlbum,
  updateMediaCaption,
} from "@/lib/publications/media";
import { getPublicAlbum, listPublicAlbums, publicationSitemapEntries } from "@/lib/publications/public";
import { createAlbumInput, updateAlbumInput } from "@/lib/publications/schemas";
import { readMediaFile } from "@/lib/publications/serve";
import { FilesRefused } from "@/lib/publications/uploads";
import { createTestDatabase } from "../helpers/db";
import { actorFor, countRows, makeUser, unitByCode } from "../helpers/fixtures";
import { makeAlbum } from "./fixtures";
import { samplePdf, samplePng, sampleMp4 } from "./sample-files";

let handle: DatabaseHandle;
let db: Db;
let hanoiEditor: Actor;
let hanoiId: string;
let tqId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  await seedDemo(db);
  hanoiEditor = await actorFor(db, (await makeUser(db, { unitCode: "HA-NOI", role: "editor" })).username);
  hanoiId = (await unitByCode(db, "HA-NOI")).id;
  tqId = (await unitByCode(db, "TUYEN-QUANG")).id;
});
afterAll(async () => handle?.close());

const newAlbum = (title: string) => createAlbum(db, hanoiEditor, createAlbumInput.parse({ unitId: hanoiId, title, description: "Ảnh hoạt động", takenOn: "2026-03-26" }));
const itemsOf = (albumId: string) => db.select().from(mediaItems).where(eq(mediaItems.albumId, albumId)).orderBy(asc(mediaItems.position));

describe("albums", () => {
  it("creates an album with a slug (suffixed on a clash) and an audit entry", async () => {
    const a = await newAlbum("Đại hội đại biểu lần thứ V");
    const b = await newAlbum("Đại hội đại biểu lần thứ V");
    expect([a.slug, b.slug]).toEqual(["dai-hoi-dai-bieu-lan-thu-v", "dai-hoi-dai-bieu-lan-thu-v-2"]);
    expect(a).toMatchObject({ takenOn: "2026-03-26", publishedAt: null, unitId: hanoiId });
    expect(await countRows(db, auditLog, and(eq(auditLog.entityId, a.id), eq(auditLog.action, "media.createAlbum")))).toBe(1);
  });

  it("adds several photos and an MP4 in one upload, in order, all checked by content", async () => {
    const album = await newAlbum("Gặp mặt truyền thống");
    const files = [
      { fileName: "anh-1.png", bytes: samplePng(10) },
      { fileName: "anh-2.png", bytes: samplePng(11) },
      { fileName: "phong-su.mp4", bytes: sampleMp4(1) },
    ];
    const added = await addMediaFiles(db, hanoiEditor, { albumId: album.id, files });
    expect(added.map((i) => [i.kind, i.mime, i.position, i.sha256])).toEqual([
      ["photo", "image/png", 0, sha256Hex(files[0]!.bytes)],
      ["photo", "image/png", 1, sha256Hex(files[1]!.bytes)],
      ["video_file", "video/mp4", 2, sha256Hex(files[2]!.bytes)],
    ]);
    expect(await countRows(db, auditLog, and(eq(auditLog.entityId, album.id), eq(auditLog.action, "media.addFiles")))).toBe(1);
  });

  it("adds nothing when one file of the upload is refused, and names that file", async () => {
    const album = await newAlbum("Tải lên lỗi");
    const error = await addMediaFiles(db, hanoiEditor, {
      albumId: album.id,
      files: [
        { fileName: "tot.png", bytes: samplePng(20) },
        { fileName: "gia-anh.jpg", bytes: await samplePdf("khong phai anh") },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilesRefused);
    expect((error as FilesRefused).texts.files).toContain("gia-anh.jpg");
    expect((error as FilesRefused).texts.files).not.toContain("tot.png");
    expect(await itemsOf(album.id)).toEqual([]);
    await expect(addMediaFiles(db, hanoiEditor, { albumId: album.id, files: [] })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("adds a linked video as its embed address, and refuses links outside the allow-list", async () => {
    const album = await newAlbum("Video tư liệu");
    const item = await addVideoLink(db, hanoiEditor, { albumId: album.id, url: "https://youtu.be/dQw4w9WgXcQ", caption: "Phóng sự" });
    expect(item).toMatchObject({ kind: "video_link", url: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", caption: "Phóng sự", sha256: null });
    for (const url of ["javascript:alert(1)", "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube.com/"]) {
      const error = await addVideoLink(db, hanoiEditor, { albumId: album.id, url, caption: "" }).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(InvalidInputError);
      expect(Object.keys((error as InvalidInputError).fieldErrors)).toEqual(["url"]);
    }
    expect(await itemsOf(album.id)).toHaveLength(1);
  });

  it("reorders, captions and removes items", async () => {
    const album = await newAlbum("Sắp xếp");
    const [a, b, c] = await addMediaFiles(db, hanoiEditor, {
      albumId: album.id,
      files: [30, 31, 32].map((seed) => ({ fileName: `${seed}.png`, bytes: samplePng(seed) })),
    });
    await moveMediaItem(db, hanoiEditor, { itemId: c!.id, direction: "up" });
    expect((await itemsOf(album.id)).map((i) => i.id)).toEqual([a!.id, c!.id, b!.id]);
    expect(await moveMediaItem(db, hanoiEditor, { itemId: a!.id, direction: "up" })).toEqual({ moved: false });
    await moveMediaItem(db, hanoiEditor, { itemId: a!.id, direction: "down" });
    expect((await itemsOf(album.id)).map((i) => [i.id, i.position])).toEqual([
      [c!.id, 0],
      [a!.id, 1],
      [b!.id, 2],
    ]);
    await updateMediaCaption(db, hanoiEditor, { itemId: b!.id, caption: "Chụp ảnh lưu niệm" });
    await removeMediaItem(db, hanoiEditor, { itemId: a!.id });
    const left = await itemsOf(album.id);
    expect(left.map((i) => [i.id, i.caption])).toEqual([
      [c!.id, ""],
      [b!.id, "Chụp ảnh lưu niệm"],
    ]);
    // After a removal, positions are renumbered at the next move.
    await moveMediaItem(db, hanoiEditor, { itemId: b!.id, direction: "up" });
    expect((await itemsOf(album.id)).map((i) => [i.id, i.position])).toEqual([
      [b!.id, 0],
      [c!.id, 1],
    ]);
  });

  it("edits an album; the slug follows the title only until published", async () => {
    const album = await newAlbum("Album nháp");
    const edit = (title: string) => updateAlbumInput.parse({ id: album.id, unitId: hanoiId, title, description: "", takenOn: "" });
    expect((await updateAlbum(db, hanoiEditor, edit("Hành trình về nguồn"))).slug).toBe("hanh-trinh-ve-nguon");
    await addMediaFiles(db, hanoiEditor, { albumId: album.id, files: [{ fileName: "a.png", bytes: samplePng(40) }] });
    await publishAlbum(db, hanoiEditor, { id: album.id });
    expect(await updateAlbum(db, hanoiEditor, edit("Hành trình về nguồn 2026"))).toMatchObject({ slug: "hanh-trinh-ve-nguon", title: "Hành trình về nguồn 2026", takenOn: null });
  });
});

describe("the public media library", () => {
  it("shows an album only once published and never empty, with its photos, its videos and its files", async () => {
    const album = await newAlbum("Về thăm chiến trường xưa");
    await expect(publishAlbum(db, hanoiEditor, { id: album.id })).rejects.toMatchObject({ messageKey: "media.albumEmpty" });
    const [photo] = await addMediaFiles(db, hanoiEditor, { albumId: album.id, files: [{ fileName: "a.png", bytes: samplePng(50) }] });
    await addVideoLink(db, hanoiEditor, { albumId: album.id, url: "https://vimeo.com/76979871", caption: "" });
    const isListed = async () => (await listPublicAlbums(db, { page: 1, pageSize: 100 })).rows.some((r) => r.id === album.id);

    expect(await isListed()).toBe(false);
    expect(await getPublicAlbum(db, album.slug)).toBeNull();
    await expect(readMediaFile(db, null, photo!.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await readMediaFile(db, hanoiEditor, photo!.id)).isPublic).toBe(false);

    await publishAlbum(db, hanoiEditor, { id: album.id });
    expect(await isListed()).toBe(true);
    const shown = await getPublicAlbum(db, album.slug);
    expect(shown!.photos.map((p) => p.id)).toEqual([photo!.id]);
    expect(shown!.videos.map((v) => v.url)).toEqual(["https://player.vimeo.com/video/76979871"]);
    expect((await listPublicAlbums(db, { page: 1, pageSize: 100 })).rows.find((r) => r.id === album.id)).toMatchObject({ photoCount: 1, videoCount: 1, coverItemId: photo!.id });
    expect((await publicationSitemapEntries(db)).map((e) => e.url)).toContain(`/thu-vien/${album.slug}`);
    expect(await readMediaFile(db, null, photo!.id)).toMatchObject({ isPublic: true, mime: "image/png", fileName: `${album.slug}-1.png` });

    await unpublishAlbum(db, hanoiEditor, { id: album.id });
    expect(await getPublicAlbum(db, album.slug)).toBeNull();
    await expect(readMediaFile(db, null, photo!.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("never frames a stored link that is not on the allow-list", async () => {
    const { album } = await makeAlbum(db, hanoiId, { items: 1, published: true });
    await db.insert(mediaItems).values({ albumId: album.id, kind: "video_link", url: "https://evil.example/embed/x", position: 5 });
    const shown = await getPublicAlbum(db, album.slug);
    expect(shown!.videos).toEqual([]);
  });
});

describe("scope", () => {
  it("keeps an editor of Hà Nội away from Tuyên Quang's albums and items", async () => {
    const { album, items } = await makeAlbum(db, tqId, { items: 2 });
    const refused = [
      () => getAlbum(db, hanoiEditor, album.id),
      () => updateAlbum(db, hanoiEditor, updateAlbumInput.parse({ id: album.id, unitId: hanoiId, title: "Chiếm" })),
      () => publishAlbum(db, hanoiEditor, { id: album.id }),
      () => deleteAlbum(db, hanoiEditor, { id: album.id }),
      () => addMediaFiles(db, hanoiEditor, { albumId: album.id, files: [{ fileName: "a.png", bytes: samplePng(60) }] }),
      () => addVideoLink(db, hanoiEditor, { albumId: album.id, url: "https://youtu.be/dQw4w9WgXcQ", caption: "" }),
      () => updateMediaCaption(db, hanoiEditor, { itemId: items[0]!.id, caption: "x" }),
      () => moveMediaItem(db, hanoiEditor, { itemId: items[1]!.id, direction: "up" }),
      () => removeMediaItem(db, hanoiEditor, { itemId: items[0]!.id }),
      () => readMediaFile(db, hanoiEditor, items[0]!.id),
      () => createAlbum(db, hanoiEditor, createAlbumInput.parse({ unitId: tqId, title: "Ở Tuyên Quang" })),
    ];
    for (const call of refused) await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    expect(await itemsOf(album.id)).toHaveLength(2);
    const [row] = await db.select().from(mediaAlbums).where(eq(mediaAlbums.id, album.id));
    expect(row).toMatchObject({ title: album.title, publishedAt: null });
    expect((await listAlbums(db, hanoiEditor, { page: 1, pageSize: 500 })).rows.map((r) => r.id)).not.toContain(album.id);
  });
});
