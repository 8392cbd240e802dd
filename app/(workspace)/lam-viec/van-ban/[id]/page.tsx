import type { Metadata } from "next";
import Link from "next/link";
import { NotFoundError } from "@/lib/auth/errors";
import { getActor } from "@/lib/auth/session";
import { orNotFound } from "@/lib/auth/page-guard";
import { getDb } from "@/lib/db";
import { maxFileBytes } from "@/lib/documents/files";
import { documentFormOptions } from "@/lib/documents/form-options";
import { getDocument, isSecret } from "@/lib/documents/service";
import { findDocumentType } from "@/lib/documents/types";
import { t } from "@/lib/i18n";
import { formatDate, formatDateTime, formatNumber } from "@/lib/i18n/format";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { DocumentForm } from "@/components/documents/document-form";
import { AttachFileForm, PublishButton, RemoveFileButton } from "@/components/documents/document-files";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/card";

export const metadata: Metadata = { title: t("document.title") };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function DocumentDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const db = await getDb();
  const actor = await getActor();
  const record = await orNotFound(async () => {
    if (!UUID.test(id)) throw new NotFoundError();
    return getDocument(db, actor, id);
  });
  const d = record.document;
  const options = record.editable ? await documentFormOptions(db, actor) : null;
  const secret = isSecret(d.confidentiality);
  const maxMb = Math.floor(maxFileBytes() / (1024 * 1024));
  const title = `${findDocumentType(d.typeCode)?.name ?? d.typeCode} ${d.numberSymbol}`;
  return (
    <div className="space-y-6">
      <Breadcrumbs items={[{ href: "/lam-viec", label: t("nav.dashboard") }, { href: "/lam-viec/van-ban", label: t("document.title") }, { label: d.numberSymbol }]} />
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{title}</h1>
        <p>{d.abstract}</p>
        <p className="flex flex-wrap gap-2 text-sm">
          <Badge tone={secret ? "red" : "slate"}>{t(`document.confidentiality.${d.confidentiality}`)}</Badge>
          {d.publishedAt ? <Badge tone="green">{t("document.publishedOn", { date: formatDateTime(d.publishedAt) })}</Badge> : <Badge tone="slate">{t(`document.visibility.${d.visibility}`)}</Badge>}
          <Badge tone="slate">{record.unitName}</Badge>
          <Badge tone="slate">{t("document.views", { count: formatNumber(d.viewCount) })}</Badge>
        </p>
        {d.symbolFlagged && <Alert tone="info">{t("document.symbolFlaggedNote", { raw: d.numberSymbolRaw })}</Alert>}
        {d.publishedAt && <p className="text-sm"><Link className="underline" href={`/van-ban/${d.id}`}>{t("document.viewPublic")}</Link></p>}
      </div>

      {record.editable && !secret && d.visibility === "public" && <PublishButton documentId={d.id} published={d.publishedAt !== null} />}

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="tep">
        <h2 id="tep" className="text-lg font-semibold">{t("document.files")}</h2>
        {secret ? (
          <Alert tone="info">{t("document.secretRegisterOnly", { place: d.paperLocation || "—" })}</Alert>
        ) : (
          <>
            {record.files.length === 0 && <p className="text-sm text-slate-600">{t("document.noFiles")}</p>}
            <ul className="divide-y divide-slate-200">
              {record.files.map((f) => (
                <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="min-w-0">
                    <a className="font-medium underline" href={`/api/van-ban/tep/${f.id}`}>{f.fileName}</a>
                    <span className="block text-slate-600">
                      {formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB · <span className="font-mono">{f.verificationCode}</span>
                      {f.kind === "pdf" && !f.searchable && <> · <span className="text-amber-800">{t("document.notSearchable")}</span></>}
                      {f.searchable && <> · {t("document.searchable")}</>}
                    </span>
                  </span>
                  {record.editable && <RemoveFileButton fileId={f.id} fileName={f.fileName} />}
                </li>
              ))}
            </ul>
            {record.editable && <AttachFileForm documentId={d.id} maxMb={maxMb} />}
          </>
        )}
      </section>

      {options ? (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="sua">
          <h2 id="sua" className="text-lg font-semibold">{t("document.edit")}</h2>
          <DocumentForm
            {...options}
            initial={{
              id: d.id,
              version: d.version,
              unitId: d.unitId,
              numberSymbol: d.numberSymbolRaw,
              typeCode: d.typeCode,
              issuerUnitId: d.issuerUnitId ?? "",
              issuerExternalId: d.issuerExternalId ?? "",
              issuerName: "",
              issuedOn: d.issuedOn,
              signer: d.signer,
              abstract: d.abstract,
              field: d.field,
              validity: d.validity,
              replacedById: d.replacedById ?? "",
              urgency: d.urgency,
              confidentiality: d.confidentiality,
              visibility: d.visibility,
              paperLocation: d.paperLocation,
              acceptDuplicate: false,
            }}
          />
        </section>
      ) : (
        <dl className="grid gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="font-medium">{t("document.issuer")}</dt><dd>{record.issuerName}</dd>
          <dt className="font-medium">{t("document.issuedOn")}</dt><dd>{formatDate(d.issuedOn)}</dd>
          <dt className="font-medium">{t("document.signer")}</dt><dd>{d.signer || "—"}</dd>
          <dt className="font-medium">{t("document.validityLabel")}</dt><dd>{t(`document.validity.${d.validity}`)}</dd>
        </dl>
      )}
    </div>
  );
}
