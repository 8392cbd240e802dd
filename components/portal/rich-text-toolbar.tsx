"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { useState, type KeyboardEvent, type ReactNode } from "react";
import { t, type MessageKey } from "@/lib/i18n";
import { ImagePanel, LinkPanel } from "./rich-text-panels";

type Panel = "link" | "image" | null;

interface Tool {
  label: MessageKey;
  icon: ReactNode;
  run: () => void;
  /** Set for formats that are on or off at the cursor (aria-pressed); absent for one-off actions. */
  active?: boolean;
  disabled?: boolean;
  /** The inline form this button opens (aria-expanded). */
  opens?: Exclude<Panel, null>;
}

const svg = (path: ReactNode) => (
  <svg viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
    {path}
  </svg>
);
const glyph = (text: string, className: string) => (
  <span aria-hidden="true" className={`inline-block w-[18px] text-center text-sm ${className}`}>
    {text}
  </span>
);

const ICONS = {
  bulletList: svg(<path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01" strokeWidth="2.5" />),
  orderedList: svg(<path d="M10 6h10M10 12h10M10 18h10M4 4v4M3 8h2M3 14h2.5L3 18h2.5" />),
  blockquote: svg(<path d="M7 17c-2 0-3-1.5-3-4 0-3 1.5-5.5 4.5-7M17 17c-2 0-3-1.5-3-4 0-3 1.5-5.5 4.5-7" />),
  link: svg(<path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />),
  image: svg(<path d="M4 5h16v14H4zM8.5 11a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3M20 15l-5-5-9 9" />),
  horizontalRule: svg(<path d="M3 12h18" />),
  undo: svg(<path d="M9 14 4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />),
  redo: svg(<path d="m15 14 5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" />),
};

/** Arrow keys, Home and End move between the toolbar's buttons (the WAI-ARIA toolbar pattern). */
function moveFocus(event: KeyboardEvent<HTMLDivElement>) {
  if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button:not(:disabled)")];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  const last = buttons.length - 1;
  const next = event.key === "Home" ? 0 : event.key === "End" ? last : event.key === "ArrowRight" ? (at === last ? 0 : at + 1) : at === 0 ? last : at - 1;
  buttons[next]!.focus();
}

export function RichTextToolbar({ editor, controls }: { editor: Editor; controls: string }) {
  const [panel, setPanel] = useState<Panel>(null);
  // Tiptap v3 does not re-render on every keystroke; this picks what the buttons show.
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      link: e.isActive("link"),
      href: (e.getAttributes("link").href as string | undefined) ?? "",
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const toggle = (which: Exclude<Panel, null>) => setPanel((open) => (open === which ? null : which));
  const close = () => {
    setPanel(null);
    editor.commands.focus();
  };

  const groups: Tool[][] = [
    [
      { label: "editor.bold", icon: glyph("B", "font-bold"), active: state.bold, run: () => chain().toggleBold().run() },
      { label: "editor.italic", icon: glyph("I", "font-serif italic"), active: state.italic, run: () => chain().toggleItalic().run() },
      { label: "editor.underline", icon: glyph("U", "underline"), active: state.underline, run: () => chain().toggleUnderline().run() },
      { label: "editor.strike", icon: glyph("S", "line-through"), active: state.strike, run: () => chain().toggleStrike().run() },
    ],
    [
      { label: "editor.heading2", icon: glyph("H2", "font-semibold"), active: state.h2, run: () => chain().toggleHeading({ level: 2 }).run() },
      { label: "editor.heading3", icon: glyph("H3", "font-semibold"), active: state.h3, run: () => chain().toggleHeading({ level: 3 }).run() },
      { label: "editor.bulletList", icon: ICONS.bulletList, active: state.bulletList, run: () => chain().toggleBulletList().run() },
      { label: "editor.orderedList", icon: ICONS.orderedList, active: state.orderedList, run: () => chain().toggleOrderedList().run() },
      { label: "editor.blockquote", icon: ICONS.blockquote, active: state.blockquote, run: () => chain().toggleBlockquote().run() },
    ],
    [
      { label: "editor.link", icon: ICONS.link, active: state.link, opens: "link", run: () => toggle("link") },
      { label: "editor.image", icon: ICONS.image, opens: "image", run: () => toggle("image") },
      { label: "editor.horizontalRule", icon: ICONS.horizontalRule, run: () => chain().setHorizontalRule().run() },
    ],
    [
      { label: "editor.undo", icon: ICONS.undo, disabled: !state.canUndo, run: () => chain().undo().run() },
      { label: "editor.redo", icon: ICONS.redo, disabled: !state.canRedo, run: () => chain().redo().run() },
    ],
  ];

  return (
    <div className="border-b border-slate-200 bg-slate-50">
      <div role="toolbar" aria-label={t("editor.toolbar")} aria-controls={controls} onKeyDown={moveFocus} className="flex flex-wrap items-center gap-1 p-1">
        {groups.map((tools, index) => (
          <div key={index} className="flex items-center gap-0.5 border-slate-300 pr-1 [&:not(:last-child)]:border-r">
            {tools.map((tool) => (
              <button
                key={tool.label}
                type="button"
                aria-label={t(tool.label)}
                title={t(tool.label)}
                aria-pressed={tool.active}
                aria-expanded={tool.opens ? panel === tool.opens : undefined}
                disabled={tool.disabled}
                onClick={tool.run}
                className="inline-flex h-9 min-w-9 items-center justify-center rounded px-2 text-slate-700 hover:bg-slate-200 disabled:cursor-not-allowed disabled:opacity-40 aria-[pressed=true]:bg-brand-100 aria-[pressed=true]:text-brand-800 aria-[expanded=true]:bg-slate-200"
              >
                {tool.icon}
              </button>
            ))}
          </div>
        ))}
      </div>
      {panel === "link" && <LinkPanel key={state.href} editor={editor} current={state.href} hasLink={state.link} onClose={close} />}
      {panel === "image" && <ImagePanel editor={editor} onClose={close} />}
    </div>
  );
}
