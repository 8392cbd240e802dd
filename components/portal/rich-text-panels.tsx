"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { t } from "@/lib/i18n";
import { linkFromTyped, safeImageSrc } from "@/lib/portal/rich-text-urls";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

/**
 * The small forms under the toolbar. Not <form> elements: the editor usually sits inside the
 * page's form, and forms cannot nest; Enter applies and Escape closes instead, and neither may
 * reach the page's form.
 */
function InlinePanel({ label, onApply, onClose, children }: { label: string; onApply: () => void; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.querySelector("input")?.focus(), []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      onClose();
    } else if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      onApply();
    }
  };
  return (
    <div ref={ref} role="group" aria-label={label} onKeyDown={onKeyDown} className="space-y-2 border-t border-slate-200 bg-white p-3">
      {children}
    </div>
  );
}

export function LinkPanel({ editor, current, hasLink, onClose }: { editor: Editor; current: string; hasLink: boolean; onClose: () => void }) {
  const [url, setUrl] = useState(current);
  const [error, setError] = useState<string>();

  const remove = () => {
    editor.chain().focus().extendMarkRange("link").unsetLink().run();
    onClose();
  };
  const apply = () => {
    if (url.trim() === "") return remove();
    const href = linkFromTyped(url);
    if (!href) return setError(t("editor.linkInvalid"));
    const chain = editor.chain().focus().extendMarkRange("link");
    // With nothing selected the address itself becomes the linked text.
    if (editor.state.selection.empty && !hasLink) chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
    else chain.setLink({ href }).run();
    onClose();
  };

  return (
    <InlinePanel label={t("editor.linkPanel")} onApply={apply} onClose={onClose}>
      <Field label={t("editor.linkUrl")} hint={t("editor.linkHint")} error={error}>
        {(a) => <TextInput {...a} type="text" inputMode="url" autoComplete="off" value={url} onChange={(e) => setUrl(e.target.value)} />}
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={apply}>{t("editor.linkApply")}</Button>
        {hasLink && <Button type="button" variant="secondary" onClick={remove}>{t("editor.linkRemove")}</Button>}
        <Button type="button" variant="ghost" onClick={onClose}>{t("common.cancel")}</Button>
      </div>
    </InlinePanel>
  );
}

export function ImagePanel({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const [src, setSrc] = useState("");
  const [alt, setAlt] = useState("");
  const [errors, setErrors] = useState<{ src?: string; alt?: string }>({});

  const insert = () => {
    const safe = safeImageSrc(src);
    const problems = { src: safe ? undefined : t("editor.imageInvalid"), alt: alt.trim() ? undefined : t("editor.imageAltRequired") };
    setErrors(problems);
    if (!safe || problems.alt) return;
    editor.chain().focus().setImage({ src: safe, alt: alt.trim() }).run();
    onClose();
  };

  return (
    <InlinePanel label={t("editor.imagePanel")} onApply={insert} onClose={onClose}>
      <div className="grid gap-2 sm:grid-cols-2">
        <Field label={t("editor.imageUrl")} hint={t("editor.imageHint")} error={errors.src}>
          {(a) => <TextInput {...a} type="text" inputMode="url" autoComplete="off" value={src} onChange={(e) => setSrc(e.target.value)} />}
        </Field>
        <Field label={t("editor.imageAlt")} hint={t("editor.imageAltHint")} error={errors.alt}>
          {(a) => <TextInput {...a} type="text" autoComplete="off" value={alt} onChange={(e) => setAlt(e.target.value)} />}
        </Field>
      </div>
      <div className="flex flex-wrap gap-2">
        <Button type="button" onClick={insert}>{t("editor.imageInsert")}</Button>
        <Button type="button" variant="ghost" onClick={onClose}>{t("common.cancel")}</Button>
      </div>
    </InlinePanel>
  );
}
