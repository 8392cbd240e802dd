import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function robots(): MetadataRoute.Robots {
  const base = env().APP_URL.replace(/\/$/, "");
  return {
    rules: [{ userAgent: "*", allow: ["/", "/api/van-ban/tep/", "/api/an-pham/"], disallow: ["/lam-viec", "/api/", "/dang-nhap", "/doi-mat-khau"] }],
    sitemap: `${base}/sitemap.xml`,
  };
}
