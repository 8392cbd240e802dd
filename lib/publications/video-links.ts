import type { MessageKey } from "@/lib/i18n";

/**
 * Linked videos: only YouTube, Facebook and Vimeo, each turned into that host's embed address.
 * A link is parsed as a URL and its host compared exactly (never searched for in the text), and
 * the video id is taken by a strict pattern, so nothing a visitor did not mean to load (another
 * host, a script URL, extra parameters) can reach the page's <iframe>.
 */

export type VideoProvider = "youtube" | "facebook" | "vimeo";

export type VideoLinkResult =
  | { ok: true; provider: VideoProvider; embedUrl: string }
  | { ok: false; reason: "invalid" | "host" | "video"; messageKey: MessageKey };

const REASON_KEYS = { invalid: "media.linkInvalid", host: "media.linkNotAllowed", video: "media.linkNoVideo" } as const satisfies Record<string, MessageKey>;

const refuse = (reason: keyof typeof REASON_KEYS): VideoLinkResult => ({ ok: false, reason, messageKey: REASON_KEYS[reason] });
const accept = (provider: VideoProvider, embedUrl: string): VideoLinkResult => ({ ok: true, provider, embedUrl });

const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com"]);
const YOUTUBE_NOCOOKIE_HOSTS = new Set(["youtube-nocookie.com", "www.youtube-nocookie.com"]);
const FACEBOOK_HOSTS = new Set(["facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"]);
const VIMEO_HOSTS = new Set(["vimeo.com", "www.vimeo.com"]);
const VIMEO_PLAYER_HOST = "player.vimeo.com";

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const DIGITS = /^\d{1,25}$/;
const VIMEO_HASH = /^[0-9a-f]{6,20}$/;
const FACEBOOK_PAGE = /^[A-Za-z0-9.\-_]{1,80}$/;

/** The embed address of a YouTube, Facebook or Vimeo video link, or why it is refused. */
export function normaliseVideoLink(input: string): VideoLinkResult {
  const text = input.trim();
  if (!text || text.length > 500 || /\s/.test(text)) return refuse("invalid");
  // "youtu.be/abc…" pasted without its scheme: read it as https. A scheme of any other kind
  // (javascript:, data:, file:) is kept, and refused below.
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text.replace(/^\/+/, "")}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse("invalid");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return refuse("invalid");
  if (url.username || url.password || url.port) return refuse("host");
  const host = url.hostname.toLowerCase();

  if (YOUTUBE_HOSTS.has(host) || YOUTUBE_NOCOOKIE_HOSTS.has(host) || host === "youtu.be") return youtube(url, host);
  if (VIMEO_HOSTS.has(host) || host === VIMEO_PLAYER_HOST) return vimeo(url, host);
  if (FACEBOOK_HOSTS.has(host)) return facebook(url, 0);
  return refuse("host");
}

/** Whether a stored embed address is exactly what normalising it gives (checked again at render). */
export function isAllowedEmbedUrl(url: string): boolean {
  const result = normaliseVideoLink(url);
  return result.ok && result.embedUrl === url;
}

function youtube(url: URL, host: string): VideoLinkResult {
  const path = url.pathname.replace(/\/+$/, "");
  let id: string | null = null;
  if (host === "youtu.be") id = /^\/([^/]+)$/.exec(path)?.[1] ?? null;
  else if (YOUTUBE_NOCOOKIE_HOSTS.has(host)) id = /^\/embed\/([^/]+)$/.exec(path)?.[1] ?? null;
  else if (path === "/watch") id = url.searchParams.get("v");
  else id = /^\/(?:embed|shorts|live|v)\/([^/]+)$/.exec(path)?.[1] ?? null;
  if (!id || !YOUTUBE_ID.test(id)) return refuse("video");
  const start = startSeconds(url.searchParams.get("start") ?? url.searchParams.get("t"));
  return accept("youtube", `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ""}`);
}

/** "90", "90s", "1m30s", "1h2m3s" → seconds; anything else → 0. */
function startSeconds(value: string | null): number {
  if (!value) return 0;
  if (/^\d{1,6}$/.test(value)) return Number(value);
  const match = /^(?:(\d{1,3})h)?(?:(\d{1,4})m)?(?:(\d{1,6})s)?$/.exec(value);
  if (!match) return 0;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

function vimeo(url: URL, host: string): VideoLinkResult {
  const path = url.pathname.replace(/\/+$/, "");
  let id: string | undefined;
  let hash: string | null = null;
  if (host === VIMEO_PLAYER_HOST) {
    id = /^\/video\/(\d+)$/.exec(path)?.[1];
    hash = url.searchParams.get("h");
  } else {
    const match = /^\/(?:channels\/[\w-]+\/|video\/)?(\d+)(?:\/([0-9a-f]+))?$/.exec(path);
    id = match?.[1];
    hash = match?.[2] ?? url.searchParams.get("h");
  }
  if (!id || !DIGITS.test(id)) return refuse("video");
  if (hash !== null && !VIMEO_HASH.test(hash)) return refuse("video");
  return accept("vimeo", `https://player.vimeo.com/video/${id}${hash ? `?h=${hash}` : ""}`);
}

function facebook(url: URL, depth: number): VideoLinkResult {
  const path = url.pathname.replace(/\/+$/, "");
  let canonical: string | null = null;
  const pageVideo = /^\/([^/]+)\/videos\/(?:[^/]+\/)?([^/]+)$/.exec(path);
  if (pageVideo && FACEBOOK_PAGE.test(pageVideo[1]!) && DIGITS.test(pageVideo[2]!)) {
    canonical = `https://www.facebook.com/${pageVideo[1]}/videos/${pageVideo[2]}/`;
  } else if (path === "/watch" || path === "/video.php") {
    const v = url.searchParams.get("v");
    if (v && DIGITS.test(v)) canonical = `https://www.facebook.com/watch/?v=${v}`;
  } else if (/^\/reel\/\d{1,25}$/.test(path)) {
    canonical = `https://www.facebook.com${path}/`;
  } else if (path === "/plugins/video.php" && depth === 0) {
    // Already an embed address: read the video it points to, once (no nesting games).
    const href = url.searchParams.get("href");
    if (!href) return refuse("video");
    let inner: URL;
    try {
      inner = new URL(href);
    } catch {
      return refuse("video");
    }
    if (inner.protocol !== "https:" || inner.username || inner.password || inner.port || !FACEBOOK_HOSTS.has(inner.hostname.toLowerCase())) return refuse("video");
    return facebook(inner, depth + 1);
  }
  if (!canonical) return refuse("video");
  return accept("facebook", `https://www.facebook.com/plugins/video.php?href=${encodeURIComponent(canonical)}&show_text=false`);
}
