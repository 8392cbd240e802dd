"use client";

import Image from "@tiptap/extension-image";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { useEffect, useMemo, useRef, useState } from "react";
import { t } from "@/lib/i18n";
import { safeImageSrc, safeLinkHref } from "@/lib/portal/rich-text-urls";
import { RichTextToolbar } from "./rich-text-toolbar";

export interface RichTextEditorProps {
  id: string;
  /** The hidden input carrying the HTML, so the editor works in a plain form and in FormData. */
  name: string;
  label: string;
  /** The initial HTML; later changes are ignored (give the editor a new key to start over). */
  defaultValue?: string;
  /** For react-hook-form: called with the HTML on every change ("" when empty). */
  onChange?: (html: string) => void;
  error?: string;
  hint?: string;
}

// Only what lib/portal/sanitize.ts keeps: the editor should never offer what saving would drop.
const EXTENSIONS = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    link: { openOnClick: false, autolink: true, defaultProtocol: "https", isAllowedUri: (url) => safeLinkHref(url) !== null },
  }),
  Image.configure({ allowBase64: false }).extend({
    parseHTML: () => [{ tag: "img[src]", getAttrs: (dom) => (safeImageSrc(dom.getAttribute("src") ?? "") ? null : false) }],
  }),
];

/** An empty document serialises to "<p></p>": give "" so that a required check sees nothing. */
const htmlOf = (editor: Editor) => (editor.isEmpty ? "" : editor.getHTML());

/** A Tiptap editor for the portal's rich text; the server sanitises whatever it sends. */
export function RichTextEditor({ id, name, label, defaultValue = "", onChange, error, hint }: RichTextEditorProps) {
  const [html, setHtml] = useState(defaultValue);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  });

  const labelId = `${id}-label`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ");

  // Memoised: useEditor re-applies options whose identity changed, so only a new error does.
  const editorProps = useMemo(
    () => ({
      attributes: {
        id,
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        "aria-invalid": error ? "true" : "false",
        class: "rich-text min-h-64 px-3 py-2 focus:outline-none",
      },
    }),
    [id, labelId, describedBy, error],
  );

  const editor = useEditor({
    // Rendered on the client only: the server has no DOM to build the editor in.
    immediatelyRender: false,
    extensions: EXTENSIONS,
    content: defaultValue,
    editorProps,
    onUpdate: ({ editor: current }) => {
      const next = htmlOf(current);
      setHtml(next);
      onChangeRef.current?.(next);
    },
  });

  return (
    <div className="space-y-1">
      <label id={labelId} htmlFor={id} className="block text-sm font-medium text-slate-800" onClick={() => editor?.commands.focus()}>
        {label}
      </label>
      <div
        className={`overflow-hidden rounded-md border bg-white shadow-sm focus-within:border-brand-600 focus-within:ring-1 focus-within:ring-brand-600 ${error ? "border-red-600" : "border-slate-300"}`}
      >
        {editor ? (
          <>
            <RichTextToolbar editor={editor} controls={id} />
            <EditorContent editor={editor} />
          </>
        ) : (
          <p className="min-h-64 px-3 py-2 text-sm text-slate-500">{t("editor.loading")}</p>
        )}
      </div>
      <input type="hidden" name={name} value={html} />
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <p className="text-xs text-slate-600">{t("editor.keyboardHint")}</p>
      <p id={errorId} className="min-h-0 text-sm text-red-700" aria-live="polite">
        {error}
      </p>
    </div>
  );
}
