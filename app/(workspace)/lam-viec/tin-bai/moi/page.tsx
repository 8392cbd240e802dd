import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listUnitOptions } from "@/lib/org/units";
import { categoryChoices } from "@/lib/portal/site/public";
import { maxFileBytes } from "@/lib/publications/uploads";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ArticleForm } from "@/components/portal/articles/article-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("article.new") };

export default async function NewArticlePage() {
  const actor = await getActor();
  const db = await getDb();
  const units = await orNotFound(() => listUnitOptions(db, actor, "article.write"));
  const categories = (await categoryChoices(db)).map((c) => ({ id: c.id, label: `${"— ".repeat(c.depth)}${c.name}` }));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/tin-bai", label: t("article.list") }, { label: t("article.new") }]} />
      <h1 className="text-2xl font-bold">{t("article.new")}</h1>
      {categories.length === 0 ? (
        <Alert>{t("article.noCategories")}</Alert>
      ) : (
        <Card>
          <ArticleForm
            units={units.map((u) => ({ id: u.id, label: `${"— ".repeat(u.level)}${u.name}` }))}
            categories={categories}
            maxBytes={maxFileBytes()}
            canFeature={holdsPermission(actor, "article.review")}
          />
        </Card>
      )}
    </div>
  );
}
