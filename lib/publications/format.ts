import { formatNumber } from "@/lib/i18n/format";

/** "850 KB", "1,2 MB": the size a reader sees beside a download. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}
