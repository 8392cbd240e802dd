import { t } from "@/lib/i18n";
import { formatDate } from "@/lib/i18n/format";
import { Badge } from "@/components/ui/card";

export function PublishedBadge({ publishedAt }: { publishedAt: Date | null }) {
  return publishedAt ? (
    <Badge tone="green">{t("publication.publishedOn", { date: formatDate(publishedAt) })}</Badge>
  ) : (
    <Badge tone="amber">{t("publication.draft")}</Badge>
  );
}
