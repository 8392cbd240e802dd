import type { ArticleStatus } from "@/db/schema";
import { t, type MessageKey } from "@/lib/i18n";

const TONE: Record<ArticleStatus, string> = {
  draft: "bg-slate-100 text-slate-800",
  submitted: "bg-amber-100 text-amber-900",
  returned: "bg-orange-100 text-orange-900",
  rejected: "bg-red-100 text-red-900",
  approved: "bg-sky-100 text-sky-900",
  scheduled: "bg-indigo-100 text-indigo-900",
  published: "bg-green-100 text-green-900",
  unpublished: "bg-slate-200 text-slate-800",
};

export function ArticleStatusBadge({ status }: { status: ArticleStatus }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[status]}`}>{t(`article.status.${status}` as MessageKey)}</span>;
}
