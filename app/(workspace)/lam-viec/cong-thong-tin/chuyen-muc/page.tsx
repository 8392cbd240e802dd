import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t } from "@/lib/i18n";
import { listCategoryTree, type CategoryRow } from "@/lib/portal/site/categories";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { CategoryControls } from "@/components/portal/site/category-controls";
import { CategoryCreateForm } from "@/components/portal/site/category-create-form";
import { CategoryEditForm } from "@/components/portal/site/category-edit-form";
import { Badge, Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("site.category.title") };

export default async function CategoriesPage() {
  const db = await getDb();
  const tree = await orNotFound(async () => listCategoryTree(db, await getActor()));
  // Only a top-level category can be a parent: two levels at most.
  const parents = tree.map((c) => ({ id: c.id, name: c.name }));

  const row = (category: CategoryRow, index: number, siblings: number, nested: boolean) => (
    <div className={`space-y-2 border-b border-slate-200 py-3 ${nested ? "pl-6 sm:pl-10" : ""}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="space-y-1">
          <p className="font-medium">
            {nested && <span aria-hidden className="mr-1 text-slate-400">↳</span>}
            {category.name} {!category.active && <Badge tone="amber">{t("site.hub.hidden")}</Badge>}
          </p>
          <p className="text-xs text-slate-600">
            /chuyen-muc/{category.slug} · {t("site.category.articleCount", { count: category.articleCount })}
          </p>
          {category.description && <p className="text-sm text-slate-700">{category.description}</p>}
        </div>
        <CategoryControls id={category.id} name={category.name} active={category.active} first={index === 0} last={index === siblings - 1} />
      </div>
      <details>
        <summary className="cursor-pointer text-sm text-brand-700">{t("site.category.editOf", { name: category.name })}</summary>
        <div className="pt-3">
          <CategoryEditForm category={{ id: category.id, name: category.name, description: category.description, parentId: category.parentId }} parents={parents} />
        </div>
      </details>
    </div>
  );

  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/cong-thong-tin", label: t("nav.portalSite") }, { label: t("site.category.title") }]} />
      <h1 className="text-2xl font-bold">{t("site.category.title")}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("site.category.intro")}</p>
      <Card title={t("site.category.create")}>
        <CategoryCreateForm parents={parents} />
      </Card>
      <Card title={t("site.category.treeTitle")}>
        {tree.length === 0 ? (
          <p className="text-sm text-slate-600">{t("site.category.none")}</p>
        ) : (
          <ol aria-label={t("site.category.treeTitle")}>
            {tree.map((category, i) => (
              <li key={category.id}>
                {row(category, i, tree.length, false)}
                {category.children.length > 0 && (
                  <ol aria-label={t("site.category.childrenOf", { name: category.name })}>
                    {category.children.map((child, j) => (
                      <li key={child.id}>{row(child, j, category.children.length, true)}</li>
                    ))}
                  </ol>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
