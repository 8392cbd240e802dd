import Link from "next/link";
import { t } from "@/lib/i18n";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center bg-slate-100 px-4 py-10">
      <Link href="/" className="mb-6 flex items-center gap-3 text-brand-800">
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src="/emblem.svg" alt="" width={40} height={40} />
        <span className="text-xl font-bold">{t("app.name")}</span>
      </Link>
      <div className="w-full max-w-md rounded-lg bg-white p-6 shadow">{children}</div>
    </main>
  );
}
