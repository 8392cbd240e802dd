"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  addParticipationAction,
  decideTransferAction,
  recordEvaluationsAction,
  recordExitAction,
  removeParticipationAction,
  requestTransferAction,
} from "@/lib/members/actions";
import { EXIT_KINDS, recordExitInput, requestTransferInput, EVALUATION_LEVELS } from "@/lib/members/schemas";
import { t, type MessageKey } from "@/lib/i18n";
import { formatDate, todayInVietnam } from "@/lib/i18n/format";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";

type UnitOption = { id: string; name: string; level: number };
const indent = (u: UnitOption) => `${"— ".repeat(u.level)}${u.name}`;

export function TransferForm({ memberId, units }: { memberId: string; units: UnitOption[] }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm(requestTransferInput, requestTransferAction, {
    defaultValues: { memberId, toUnitId: "", reason: "" },
    onSuccess: () => router.refresh(),
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("member.transferTo")} error={errors.toUnitId?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("toUnitId")}>
              <option value="">—</option>
              {units.map((u) => <option key={u.id} value={u.id}>{indent(u)}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("member.transferReason")} error={errors.reason?.message}>{(a) => <TextInput {...a} {...form.register("reason")} />}</Field>
        <FormStatus status={status} />
        <Button type="submit" variant="secondary">{t("member.transfer")}</Button>
      </fieldset>
    </form>
  );
}

export function ExitForm({ memberId }: { memberId: string }) {
  const router = useRouter();
  const { form, onSubmit, status } = useActionForm<{ memberIds: string[]; kind: string; occurredOn: string; reason: string }, { count: number }>(
    recordExitInput,
    recordExitAction as never,
    { defaultValues: { memberIds: [memberId], kind: "left", occurredOn: todayInVietnam(), reason: "" }, onSuccess: () => router.refresh() },
  );
  const { errors, isSubmitting } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset disabled={isSubmitting} className="space-y-3">
        <Field label={t("member.exitKind")} error={errors.kind?.message}>
          {(a) => (
            <SelectInput {...a} {...form.register("kind")}>
              {EXIT_KINDS.map((k) => <option key={k} value={k}>{t(`member.event.${k}` as MessageKey)}</option>)}
            </SelectInput>
          )}
        </Field>
        <Field label={t("member.exitDate")} error={errors.occurredOn?.message}>{(a) => <TextInput {...a} type="date" {...form.register("occurredOn")} />}</Field>
        <Field label={t("member.exitReason")} error={errors.reason?.message}>{(a) => <TextInput {...a} {...form.register("reason")} />}</Field>
        <FormStatus status={status} />
        <Button type="submit" variant="danger">{t("member.exit")}</Button>
      </fieldset>
    </form>
  );
}

/** Accept (placing the member in one of the receiving unit's units) or reject one incoming transfer. */
export function DecideTransfer({ transferId, places }: { transferId: string; places: UnitOption[] }) {
  const [pending, startTransition] = useTransition();
  const [place, setPlace] = useState("");
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [done, setDone] = useState(false);
  const decide = (accept: boolean) =>
    startTransition(async () => {
      const result = await decideTransferAction({ transferId, accept, placeUnitId: place, note: "" });
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: result.message });
      setDone(result.ok);
    });
  // Once decided, the item stays with its confirmation (a refresh would remove it, message and all).
  if (done) return <FormStatus status={status} />;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <label className="text-sm">
        <span className="block">{t("member.transferPlace")}</span>
        <select value={place} onChange={(e) => setPlace(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-2">
          {places.map((u) => <option key={u.id} value={u.id === places[0]?.id ? "" : u.id}>{indent(u)}</option>)}
        </select>
      </label>
      <Button type="button" disabled={pending} onClick={() => decide(true)}>{t("member.accept")}</Button>
      <Button type="button" variant="secondary" disabled={pending} onClick={() => decide(false)}>{t("member.reject")}</Button>
      <FormStatus status={status} />
    </div>
  );
}

export function EvaluationSheet({ unitId, year, members }: { unitId: string; year: number; members: { id: string; fullName: string; unitName: string; level: string | null }[] }) {
  const router = useRouter();
  const [levels, setLevels] = useState<Record<string, string>>(Object.fromEntries(members.map((m) => [m.id, m.level ?? ""])));
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const save = () =>
    startTransition(async () => {
      const results = Object.entries(levels).filter(([, level]) => level).map(([memberId, level]) => ({ memberId, level: level as (typeof EVALUATION_LEVELS)[number] }));
      const result = await recordEvaluationsAction({ unitId, year, results });
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: [result.message, ...Object.values(result.fieldErrors)].join(" ") });
      if (result.ok) router.refresh();
    });
  return (
    <div className="space-y-3">
      <table className="min-w-full divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
        <thead className="bg-slate-50">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">{t("member.fullName")}</th>
            <th scope="col" className="px-3 py-2 text-left">{t("member.unit")}</th>
            <th scope="col" className="px-3 py-2 text-left">{t("member.evaluation")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => (
            <tr key={m.id}>
              <td className="px-3 py-2">{m.fullName}</td>
              <td className="px-3 py-2">{m.unitName}</td>
              <td className="px-3 py-2">
                <select
                  aria-label={`${t("member.evaluation")}: ${m.fullName}`}
                  value={levels[m.id] ?? ""}
                  onChange={(e) => setLevels({ ...levels, [m.id]: e.target.value })}
                  className="rounded-md border border-slate-300 bg-white px-2 py-1"
                >
                  <option value="">—</option>
                  {EVALUATION_LEVELS.map((l) => <option key={l} value={l}>{t(`member.evaluation.${l}` as MessageKey)}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormStatus status={status} />
      <Button type="button" disabled={pending} onClick={save}>{t("common.save")}</Button>
    </div>
  );
}

export function MatureOutList({ members, year }: { members: { id: string; fullName: string; birthDate: string | null; unitName: string }[]; year: number }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const toggle = (id: string) => setSelected(selected.includes(id) ? selected.filter((s) => s !== id) : [...selected, id]);
  const submit = () =>
    startTransition(async () => {
      const result = await recordExitAction({ memberIds: selected, kind: "matured_out", occurredOn: todayInVietnam(), reason: t("member.turningIntro", { year }) });
      setStatus(result.ok ? { tone: "success", text: result.message ?? "" } : { tone: "error", text: [result.message, ...Object.values(result.fieldErrors)].join(" ") });
      if (result.ok) {
        setSelected([]);
        router.refresh();
      }
    });
  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={selected.length === members.length && members.length > 0} onChange={(e) => setSelected(e.target.checked ? members.map((m) => m.id) : [])} />
        {t("member.selectAll")}
      </label>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
        {members.map((m) => (
          <li key={m.id} className="flex items-center gap-3 px-3 py-2">
            <input id={`m-${m.id}`} type="checkbox" checked={selected.includes(m.id)} onChange={() => toggle(m.id)} />
            <label htmlFor={`m-${m.id}`} className="flex-1">{m.fullName} · {formatDate(m.birthDate)} · {m.unitName}</label>
          </li>
        ))}
      </ul>
      <FormStatus status={status} />
      <Button type="button" disabled={pending || selected.length === 0} onClick={submit}>{t("member.matureSelected")}</Button>
    </div>
  );
}

/** Secondary participations of one member: the list, remove buttons and an add form. */
export function ParticipationEditor({ memberId, current, units }: { memberId: string; current: { id: string; unitName: string }[]; units: UnitOption[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const [unitId, setUnitId] = useState("");
  const run = (call: () => Promise<{ ok: boolean; message?: string; fieldErrors?: Record<string, string> }>) =>
    startTransition(async () => {
      const result = await call();
      const detail = result.ok ? "" : Object.values(result.fieldErrors ?? {}).join(" ");
      setStatus({ tone: result.ok ? "success" : "error", text: [result.message, detail].filter(Boolean).join(" ") });
      if (result.ok) router.refresh();
    });
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-700">{t("member.participationHint")}</p>
      <ul className="space-y-1">
        {current.map((p) => (
          <li key={p.id} className="flex items-center gap-2">
            <span>{p.unitName}</span>
            <Button type="button" variant="ghost" disabled={pending} aria-label={`${t("member.participationRemove")}: ${p.unitName}`} onClick={() => run(() => removeParticipationAction({ participationId: p.id }))}>
              {t("member.participationRemove")}
            </Button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-end gap-2">
        <label className="space-y-1">
          <span className="block font-medium">{t("member.participation")}</span>
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-2">
            <option value="">—</option>
            {units.map((u) => <option key={u.id} value={u.id}>{indent(u)}</option>)}
          </select>
        </label>
        <Button type="button" variant="secondary" disabled={pending || !unitId} onClick={() => run(() => addParticipationAction({ memberId, unitId }))}>
          {t("member.participationAdd")}
        </Button>
      </div>
      <FormStatus status={status} />
    </div>
  );
}
