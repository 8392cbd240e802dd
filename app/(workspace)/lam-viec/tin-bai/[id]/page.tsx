import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { holdsPermission } from "@/lib/auth/guard";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDateTime, formatNumber } from "@/lib/i18n/format";
import { listUnitOptions } from "@/lib/org/units";
import { getArticle } from "@/lib/portal/articles/service";
import { categoryChoices } from "@/lib/portal/site/public";
import { isReviewerOf } from "@/lib/portal/articles/rules";
import { sanitizeRichText } from "@/lib/portal/sanitize";
import { maxFileBytes } from "@/lib/publications/uploads";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { ArticleForm } from "@/components/portal/articles/article-form";
import { ArticleSteps } from "@/components/portal/articles/article-steps";
import { ArticleStatusBadge } from "@/components/portal/articles/status-badge";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";

export const metadata: Metadata = { title: t("article.edit") };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ArticleWorkspacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const db = await getDb();
  const actor = await getActor();
  const record = await orNotFound(() => getArticle(db, actor, id));
  const { article: a, abilities } = record;
  const [units, categories] = abilities.edit
    ? await Promise.all([listUnitOptions(db, actor, holdsPermission(actor, "article.review") ? "article.review" : "article.write"), categoryChoices(db, a.categoryId)])
    : [[], []];
  const categoryOptions = categories.map((c) => ({ id: c.id, label: `${"— ".repeat(c.depth)}${c.name}` }));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/tin-bai", label: t("article.list") }, { label: a.title }]} />
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{a.title}</h1>
        <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
          <ArticleStatusBadge status={a.status} />
          <span>{record.categoryName} · {record.unitName}{record.authorName && ` · ${record.authorName}`}</span>
          {a.status === "scheduled" && a.publishAt && <span>· {t("article.event.scheduledFor", { at: formatDateTime(a.publishAt) })}</span>}
          {a.status === "published" && <span>· {t("article.views")}: {formatNumber(a.viewCount)}</span>}
        </p>
        {a.status === "published" && (
          <Link href={`/tin-tuc/${a.slug}`} className={buttonClass("secondary")}>{t("article.openPublic")}</Link>
        )}
      </div>
      <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
        {abilities.edit ? (
          <Card title={t("article.edit")}>
            <ArticleForm
              units={units.map((u) => ({ id: u.id, label: `${"— ".repeat(u.level)}${u.name}` }))}
              categories={categoryOptions}
              maxBytes={maxFileBytes()}
              canFeature={isReviewerOf(actor, record.unitPath)}
              article={{ id: a.id, version: a.version, unitId: a.unitId, categoryId: a.categoryId, title: a.title, summary: a.summary, bodyHtml: a.bodyHtml, tags: a.tags, featured: a.featured, hasCover: Boolean(a.coverSha256) }}
            />
          </Card>
        ) : (
          <Card title={t("article.preview")}>
            {a.summary && <p className="mb-3 font-medium text-slate-800">{a.summary}</p>}
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: sanitizeRichText(a.bodyHtml) }} />
          </Card>
        )}
        {/* On a phone the review panel comes first: it is what an editor opens the page for. */}
        <div className="order-first space-y-4 lg:order-none">
          <Card title={t("article.where", { status: t(`article.status.${a.status}` as MessageKey) })}>
            <ArticleSteps id={a.id} steps={abilities.steps} canComment={abilities.comment} />
          </Card>
          <Card title={t("article.history")}>
            <ol className="space-y-3 text-sm">
              {record.history.map((h) => (
                <li key={h.id} className="border-l-2 border-slate-200 pl-3">
                  <p className="font-medium">{t(`article.event.${h.kind}` as MessageKey)}</p>
                  <p className="text-xs text-slate-600">
                    {formatDateTime(h.at)} · {h.actorName ?? t("article.event.byQueue")}
                    {typeof h.details.publishAt === "string" && ` · ${t("article.event.scheduledFor", { at: formatDateTime(h.details.publishAt) })}`}
                  </p>
                  {h.comment && <p className="mt-1 whitespace-pre-line text-slate-800">{h.comment}</p>}
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </div>
  );
}
