import { and, eq } from "drizzle-orm";
import { articles, units, type Article } from "@/db/schema";
import { NotFoundError } from "@/lib/auth/errors";
import { inScope, type Scope } from "@/lib/auth/guard";
import type { Db } from "@/lib/db";

/** An article of a unit in the scope; any other reads as "not found". */
export async function findArticleInScope(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select({ article: articles, unitName: units.name, unitPath: units.path })
    .from(articles)
    .innerJoin(units, eq(units.id, articles.unitId))
    .where(and(eq(articles.id, id), inScope(units.path, scope)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update", { of: articles }) : await query;
  if (!row) throw new NotFoundError("article.notFound");
  return row as { article: Article; unitName: string; unitPath: string };
}
