import { and, eq, or, type SQL } from "drizzle-orm";
import { articles, units } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/auth/errors";
import { holdsPermission, inScope, requirePermission } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";
import { getFileStorage } from "@/lib/files/storage";
import type { ServedFile } from "@/lib/publications/serve";

const EXTENSIONS: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };

/** Published, or of a unit where the actor writes or edits articles: the condition goes into the WHERE. */
function visibleTo(actor: Actor | null): SQL {
  const published = eq(articles.status, "published");
  const permission = holdsPermission(actor, "article.review") ? "article.review" : holdsPermission(actor, "article.write") ? "article.write" : null;
  if (!permission) return published;
  return or(published, inScope(units.path, requirePermission(actor, permission)))!;
}

export async function readArticleCover(db: Db, actor: Actor | null, id: string): Promise<ServedFile> {
  const [row] = await db
    .select({ slug: articles.slug, status: articles.status, sha256: articles.coverSha256, mime: articles.coverMime })
    .from(articles)
    .innerJoin(units, eq(units.id, articles.unitId))
    .where(and(eq(articles.id, id), visibleTo(actor)))
    .limit(1);
  if (!row?.sha256 || !row.mime) throw new NotFoundError("article.notFound");
  const bytes = await getFileStorage().get(row.sha256);
  if (!bytes) throw new NotFoundError("article.notFound");
  return { bytes, mime: row.mime, fileName: `${row.slug}-anh-bia.${EXTENSIONS[row.mime] ?? "bin"}`, isPublic: row.status === "published" };
}
