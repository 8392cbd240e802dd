import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { documentFormOptions } from "@/lib/documents/form-options";
import { t } from "@/lib/i18n";
import { todayInVietnam } from "@/lib/i18n/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DocumentForm } from "@/components/documents/document-form";

export const metadata: Metadata = { title: t("document.create") };

export default async function NewDocumentPage() {
  const options = await orNotFound(async () => documentFormOptions(await getDb(), await getActor()));
  return (
    <div className="space-y-4">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/van-ban", label: t("document.title") }, { label: t("document.create") }]} />
      <h1 className="text-2xl font-bold">{t("document.create")}</h1>
      <DocumentForm
        {...options}
        initial={{
          unitId: options.units.length === 1 ? options.units[0]!.id : "",
          numberSymbol: "",
          typeCode: "",
          issuerUnitId: "",
          issuerExternalId: "",
          issuerName: "",
          issuedOn: todayInVietnam(),
          signer: "",
          abstract: "",
          field: "",
          validity: "in_force",
          replacedById: "",
          urgency: "normal",
          confidentiality: "normal",
          visibility: "public",
          paperLocation: "",
          acceptDuplicate: false,
        }}
      />
    </div>
  );
}
