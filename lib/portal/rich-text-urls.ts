/**
 * Which addresses rich text may link to or show images from. Shared by the sanitiser (the rule)
 * and the editor (so a refused address is explained when typed, not silently dropped on save);
 * kept apart from sanitize.ts so the browser bundle does not carry sanitize-html.
 */

// Browsers drop tabs and newlines anywhere in a URL and C0 controls and spaces at its ends, so
// "java\tscript:" is "javascript:" to them: the check must see the URL as they will.
function urlAsBrowserReadsIt(value: string): string {
  return (
    value
      .replace(/[\t\n\r]/g, "")
      .replace(/^[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\u0000-\u0020\u007f-\u009f]+$/g, "")
  );
}

/** A same-site path: one "/" then not another "/" or "\" (browsers read "/\host" as "//host"). */
function isSitePath(url: string): boolean {
  return /^\/(?![/\\])/.test(url) && !/[\u0000-\u001f\u007f]/.test(url);
}

function isAbsolute(url: string, schemes: readonly string[]): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (!scheme || !schemes.includes(scheme)) return false;
  if (scheme === "mailto") return url.length > "mailto:".length;
  try {
    return new URL(url).hostname !== "";
  } catch {
    return false;
  }
}

/** The link as kept, or null: http, https, mailto or a same-site path. */
export function safeLinkHref(raw: string): string | null {
  const url = urlAsBrowserReadsIt(raw);
  return isSitePath(url) || isAbsolute(url, ["http", "https", "mailto"]) ? url : null;
}

/** The image address as kept, or null: https or a same-site path (no http, data: or "//host"). */
export function safeImageSrc(raw: string): string | null {
  const url = urlAsBrowserReadsIt(raw);
  return isSitePath(url) || isAbsolute(url, ["https"]) ? url : null;
}

/**
 * What someone types into the editor's link box, as the address to keep: a bare e-mail address
 * becomes mailto:, a bare domain ("dangcongsan.vn/tin") https://; null when it is not allowed.
 */
export function linkFromTyped(typed: string): string | null {
  const value = typed.trim();
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(value)) return safeLinkHref(`mailto:${value}`);
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?([/?#]\S*)?$/i.test(value)) return safeLinkHref(`https://${value}`);
  return safeLinkHref(value);
}
