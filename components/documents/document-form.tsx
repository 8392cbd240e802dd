"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createDocumentAction, updateDocumentAction } from "@/lib/documents/actions";
import { CONFIDENTIALITIES, createDocumentInput, updateDocumentInput, URGENCIES, VALIDITIES, VISIBILITIES } from "@/lib/documents/schemas";
import { t, type MessageKey } from "@/lib/i18n";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextArea, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

type Option = { id: string; name: string };
type UnitOption = Option & { level: number };

export interface DocumentFormValues {
  id?: string;
  version?: number;
  unitId: string;
  numberSymbol: string;
  typeCode: string;
  issuerUnitId: string;
  issuerExternalId: string;
  issuerName: string;
  issuedOn: string;
  signer: string;
  abstract: string;
  field: string;
  validity: string;
  replacedById: string;
  urgency: string;
  confidentiality: string;
  visibility: string;
  paperLocation: string;
  acceptDuplicate: boolean;
}

/** Creating and editing a document record; a state secret hides what it may not have. */
export function DocumentForm({
  initial,
  units,
  issuerUnits,
  externalIssuers,
  types,
  fields,
  replacements,
}: {
  initial: DocumentFormValues;
  units: UnitOption[];
  issuerUnits: UnitOption[];
  externalIssuers: Option[];
  types: { code: string; name: string }[];
  fields: string[];
  replacements: { id: string; label: string }[];
}) {
  const router = useRouter();
  const editing = Boolean(initial.id);
  const [duplicate, setDuplicate] = useState(false);
  const [issuerChoice, setIssuerChoice] = useState(
    initial.issuerUnitId ? `u:${initial.issuerUnitId}` : initial.issuerExternalId ? `e:${initial.issuerExternalId}` : initial.issuerName ? "new" : "",
  );
  const { form, onSubmit, status } = useActionForm<DocumentFormValues, { id?: string; version?: number }>(
    editing ? updateDocumentInput : createDocumentInput,
    (editing ? updateDocumentAction : createDocumentAction) as never,
    {
      defaultValues: initial,
      onSuccess: (data) => {
        setDuplicate(false);
        if (!editing && data.id) router.push(`/lam-viec/van-ban/${data.id}`);
        else {
          if (data.version) form.setValue("version", data.version);
          router.refresh();
        }
      },
      onFailure: (result) => setDuplicate(result.code === "conflict" && "numberSymbol" in result.fieldErrors),
    },
  );
  const { errors, isSubmitting } = form.formState;
  const confidentiality = form.watch("confidentiality");
  const validity = form.watch("validity");
  const secret = confidentiality !== "normal";

  const chooseIssuer = (value: string) => {
    setIssuerChoice(value);
    form.setValue("issuerUnitId", value.startsWith("u:") ? value.slice(2) : "");
    form.setValue("issuerExternalId", value.startsWith("e:") ? value.slice(2) : "");
    if (value !== "new") form.setValue("issuerName", "");
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <fieldset disabled={isSubmitting} className="grid gap-4 sm:grid-cols-2">
        <Field label={t("document.unit")} hint={t("document.unitHint")} error={errors.unitId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("unitId")}>
              <option value="">—</option>
              {units.map((u) => <option key={u.id} value={u.id}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("document.numberSymbol")} hint={t("document.numberSymbolHint")} error={errors.numberSymbol?.message}>
          {(a) => <TextInput {...a} {...form.register("numberSymbol")} autoComplete="off" />}
        </Field>
        <Field label={t("document.type")} error={errors.typeCode?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("typeCode")}>
              <option value="">—</option>
              {types.map((ty) => <option key={ty.code} value={ty.code}>{`${ty.name} (${ty.code})`}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("document.issuedOn")} error={errors.issuedOn?.message}>
          {(a) => <TextInput {...a} type="date" {...form.register("issuedOn")} />}
        </Field>
        <Field label={t("document.issuer")} error={errors.issuerUnitId?.message ?? errors.issuerExternalId?.message ?? (issuerChoice !== "new" ? errors.issuerName?.message : undefined)}>
          {(a) => (
            <SelectInput {...a} value={issuerChoice} onChange={(e) => chooseIssuer(e.target.value)}>
              <option value="">—</option>
              <optgroup label={t("document.issuerOurUnits")}>
                {issuerUnits.map((u) => <option key={u.id} value={`u:${u.id}`}>{`${"— ".repeat(u.level)}${u.name}`}</option>)}
              </optgroup>
              {externalIssuers.length > 0 && (
                <optgroup label={t("document.issuerDirectory")}>
                  {externalIssuers.map((o) => <option key={o.id} value={`e:${o.id}`}>{o.name}</option>)}
                </optgroup>
              )}
              <option value="new">{t("document.issuerNew")}</option>
            </SelectInput>
          )}
        </Field>
        {issuerChoice === "new" ? (
          <Field label={t("document.issuerName")} error={errors.issuerName?.message}>
            {(a) => <TextInput {...a} {...form.register("issuerName")} />}
          </Field>
        ) : (
          <div />
        )}
        <Field label={t("document.signer")} error={errors.signer?.message}>
          {(a) => <TextInput {...a} {...form.register("signer")} />}
        </Field>
        <Field label={t("document.field")} hint={t("document.fieldHint")} error={errors.field?.message}>
          {(a) => (
            <>
              <TextInput {...a} list="document-fields" {...form.register("field")} />
              <datalist id="document-fields">{fields.map((f) => <option key={f} value={f} />)}</datalist>
            </>
          )}
        </Field>
        <div className="sm:col-span-2">
          <Field label={t("document.abstract")} hint={t("document.abstractHint")} error={errors.abstract?.message}>
            {(a) => <TextArea {...a} rows={3} maxLength={500} {...form.register("abstract")} />}
          </Field>
        </div>
        <Field label={t("document.confidentialityLabel")} hint={secret ? t("document.secretHint") : undefined} error={errors.confidentiality?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("confidentiality")}>
              {CONFIDENTIALITIES.map((c) => <option key={c} value={c}>{t(`document.confidentiality.${c}` as MessageKey)}</option>)}
            </SelectInput>
          )}
        </Field>
        {secret ? (
          <Field label={t("document.paperLocation")} error={errors.paperLocation?.message}>
            {(a) => <TextInput {...a} {...form.register("paperLocation")} />}
          </Field>
        ) : (
          <Field label={t("document.visibilityLabel")} error={errors.visibility?.message}>
            {(a) => (
              <SelectInput {...a} {...form.register("visibility")}>
                {VISIBILITIES.map((v) => <option key={v} value={v}>{t(`document.visibility.${v}` as MessageKey)}</option>)}
              </SelectInput>
            )}
          </Field>
        )}
        <Field label={t("document.urgency")} error={errors.urgency?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("urgency")}>
              {URGENCIES.map((u) => <option key={u} value={u}>{t(`document.urgencyLevel.${u}` as MessageKey)}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("document.validityLabel")} error={errors.validity?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("validity")}>
              {VALIDITIES.map((v) => <option key={v} value={v}>{t(`document.validity.${v}` as MessageKey)}</option>)}
            </SelectInput>
          )}
        </Field>
        {validity === "replaced" && (
          <div className="sm:col-span-2">
            <Field label={t("document.replacedBy")} error={errors.replacedById?.message}>
              {(a) => (
                <SelectInput {...a} {...form.register("replacedById")}>
                  <option value="">—</option>
                  {replacements.filter((r) => r.id !== initial.id).map((r) => <option key={r.id} value={r.id}>{r.label}</option>)}
                </SelectInput>
              )}
            </Field>
          </div>
        )}
      </fieldset>
      {duplicate && (
        <label className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <input type="checkbox" {...form.register("acceptDuplicate")} className="mt-1" />
          <span>{t("document.acceptDuplicate")}</span>
        </label>
      )}
      <FormStatus status={status} />
      <Button type="submit" disabled={isSubmitting}>{editing ? t("common.save") : t("document.create")}</Button>
    </form>
  );
}
