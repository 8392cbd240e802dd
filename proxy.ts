import { NextResponse, type NextRequest } from "next/server";
import { isStaticPublicPage } from "@/lib/cache/static-pages";
import { contentSecurityPolicy } from "@/lib/security/csp";

/**
 * Two jobs only: a per-request CSP nonce, and sending anonymous visitors of the workspace to the
 * sign-in page. It never decides access: every service checks permission itself. The statically
 * rendered public pages (lib/cache/static-pages.ts) do not come here: their shared HTML cannot
 * carry a nonce, and next.config.ts gives them the policy without one.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith("/lam-viec") && !hasSessionCookie(request)) {
    const url = new URL("/dang-nhap", request.url);
    url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }

  // Left out by the matcher; should one arrive anyway, a nonce policy would refuse its scripts.
  if (isStaticPublicPage(pathname)) return NextResponse.next();

  const dev = process.env.NODE_ENV !== "production";
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy({ nonce, dev });
  // Next.js reads the nonce from the request's policy and puts it on the scripts it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

function hasSessionCookie(request: NextRequest) {
  return request.cookies.getAll().some((c) => c.name.endsWith("next-auth.session-token"));
}

export const config = {
  matcher: [
    {
      // Not the statically rendered pages: van-ban/, an-pham/, thu-vien/, tin-tuc/, gioi-thieu/,
      // trang-chu/ = STATIC_PAGE_SECTIONS, nor the home page "/" itself (hence ".+", not ".*").
      source: "/((?!api|_next/static|_next/image|favicon.ico|emblem.svg|robots.txt|van-ban/|an-pham/|thu-vien/|tin-tuc/|gioi-thieu/|trang-chu/).+)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
