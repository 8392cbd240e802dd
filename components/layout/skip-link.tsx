import { t } from "@/lib/i18n";

/** The first thing a keyboard reaches: straight to the page's main content. */
export function SkipLink() {
  return (
    <a href="#noi-dung" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-white focus:p-2">
      {t("nav.skipToContent")}
    </a>
  );
}
