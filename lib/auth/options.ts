import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { authSecret } from "./secret";
import { verifySignIn } from "./sign-in";
import { clientIp } from "./ip";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

export function authOptions(): NextAuthOptions {
  // next-auth builds its own URLs from NEXTAUTH_URL; one setting (APP_URL) drives both.
  process.env.NEXTAUTH_URL ??= env().APP_URL;
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/dang-nhap", error: "/dang-nhap" },
    providers: [
      CredentialsProvider({
        name: "credentials",
        credentials: { login: { type: "text" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const headers = new Headers(req?.headers as Record<string, string> | undefined);
          const outcome = await verifySignIn(await getDb(), {
            login: String(credentials?.login ?? ""),
            password: String(credentials?.password ?? ""),
            ip: clientIp(headers),
          });
          // The message is a code; the sign-in form maps it to the catalogue.
          if (!outcome.ok) throw new Error(outcome.reason);
          return outcome.user;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as unknown as { sessionVersion: number }).sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, sv: token.sv } as typeof session;
      },
    },
  };
}
