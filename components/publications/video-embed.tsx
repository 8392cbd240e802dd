import { isAllowedEmbedUrl } from "@/lib/publications/video-links";

/**
 * A linked video in a sandboxed frame, loaded when scrolled to. Only an address that passes the
 * allow-list again is framed (the page's CSP frame-src names the same hosts).
 */
export function VideoEmbed({ url, title }: { url: string; title: string }) {
  if (!isAllowedEmbedUrl(url)) return null;
  return (
    <iframe
      src={url}
      title={title}
      sandbox="allow-scripts allow-same-origin allow-presentation"
      loading="lazy"
      allow="encrypted-media; picture-in-picture; fullscreen"
      allowFullScreen
      referrerPolicy="strict-origin-when-cross-origin"
      className="aspect-video w-full rounded-md border-0 bg-black"
    />
  );
}
