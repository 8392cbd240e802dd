import type { SnippetPart } from "@/lib/search/snippet";

/** Text with the search's matches marked. */
export function Highlighted({ parts, fallback }: { parts: SnippetPart[] | null; fallback?: string }) {
  if (!parts) return <>{fallback}</>;
  return (
    <>
      {parts.map((p, i) => (p.hit ? <mark key={i} className="rounded bg-amber-200 px-0.5 text-slate-900">{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
