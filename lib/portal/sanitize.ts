import { Parser } from "htmlparser2";
import sanitizeHtml from "sanitize-html";
import { safeImageSrc, safeLinkHref } from "./rich-text-urls";

/**
 * The one gate rich text passes before it is stored or shown: an allow-list of what the editor
 * (components/portal/rich-text-editor.tsx) produces, everything else dropped.
 * Pages render its output with dangerouslySetInnerHTML, so it must hold even for hand-made HTML
 * posted straight to an action, not only for what the editor sends.
 */

const TEXT_ALIGN = [/^(left|center|right|justify)$/];
const DIGITS = /^\d{1,5}$/;

const digits = (value: string | undefined) => (value !== undefined && DIGITS.test(value.trim()) ? value.trim() : undefined);

/** Attributes rebuilt in a fixed order from what passed its check, so a second pass changes nothing. */
function defined(attribs: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(attribs).filter((e): e is [string, string] => e[1] !== undefined));
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote", "ul", "ol", "li",
    "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr", "code", "pre",
  ],
  allowedAttributes: {
    a: ["href", "rel", "target"],
    img: ["src", "alt", "width", "height"],
    th: ["colspan", "rowspan"],
    td: ["colspan", "rowspan"],
    p: ["style"],
    h2: ["style"],
    h3: ["style"],
    h4: ["style"],
  },
  allowedStyles: { p: { "text-align": TEXT_ALIGN }, h2: { "text-align": TEXT_ALIGN }, h3: { "text-align": TEXT_ALIGN }, h4: { "text-align": TEXT_ALIGN } },
  // The transforms below decide every URL; these are the library's own check behind them.
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: ["https"] },
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  // Their text is code or markup, not prose: drop it with the tag rather than show it as text.
  nonTextTags: ["script", "style", "textarea", "option", "xmp", "noscript", "template", "title", "iframe", "noembed", "noframes", "object", "svg", "math"],
  transformTags: {
    a: (tagName, attribs) => {
      const href = attribs.href === undefined ? null : safeLinkHref(attribs.href);
      // Links to other sites open apart and pass on neither our page nor our reputation.
      const external = href !== null && /^https?:/i.test(href);
      return { tagName, attribs: defined({ href: href ?? undefined, rel: external ? "noopener noreferrer nofollow" : undefined, target: external ? "_blank" : undefined }) };
    },
    img: (tagName, attribs) => ({
      tagName,
      attribs: defined({ src: attribs.src === undefined ? undefined : (safeImageSrc(attribs.src) ?? undefined), alt: attribs.alt ?? "", width: digits(attribs.width), height: digits(attribs.height) }),
    }),
    td: (tagName, attribs) => ({ tagName, attribs: defined({ colspan: digits(attribs.colspan), rowspan: digits(attribs.rowspan) }) }),
    th: (tagName, attribs) => ({ tagName, attribs: defined({ colspan: digits(attribs.colspan), rowspan: digits(attribs.rowspan) }) }),
  },
  // An image without an address shows nothing; a link without one is kept as its text.
  exclusiveFilter: (frame) => (frame.tag === "img" && !frame.attribs.src ? true : frame.tag === "a" && !frame.attribs.href ? "excludeTag" : false),
};

/** Rich text as it may be stored and shown: only the allow-listed tags, attributes and addresses. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const BLOCKS = new Set(["p", "br", "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr", "pre"]);

/** The visible text (for search and summaries): blocks apart, whitespace collapsed, entities decoded. */
export function plainTextOf(html: string): string {
  const parts: string[] = [];
  const parser = new Parser({
    ontext: (text) => parts.push(text),
    onopentag: (name) => BLOCKS.has(name) && parts.push(" "),
    onclosetag: (name) => BLOCKS.has(name) && parts.push(" "),
  });
  parser.end(sanitizeRichText(html));
  return parts.join("").replace(/\s+/g, " ").trim();
}

/** True when nothing visible would remain: no text (spaces and &nbsp; do not count) and no image. */
export function isBlankRichText(html: string): boolean {
  const clean = sanitizeRichText(html);
  return plainTextOf(clean) === "" && !/<img\s/i.test(clean);
}
