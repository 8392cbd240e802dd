import { describe, expect, it } from "vitest";
import { isAllowedEmbedUrl, normaliseVideoLink } from "@/lib/publications/video-links";

const embed = (input: string) => {
  const result = normaliseVideoLink(input);
  return result.ok ? result.embedUrl : `refused:${result.reason}`;
};

describe("video links", () => {
  it("turns YouTube links into the privacy-enhanced embed address", () => {
    const expected = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ";
    expect(embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ")).toBe(expected);
    expect(embed("https://youtube.com/watch?v=dQw4w9WgXcQ&list=PL123&index=2")).toBe(expected);
    expect(embed("https://m.youtube.com/watch?v=dQw4w9WgXcQ")).toBe(expected);
    expect(embed("https://youtu.be/dQw4w9WgXcQ")).toBe(expected);
    expect(embed("youtu.be/dQw4w9WgXcQ")).toBe(expected);
    expect(embed("  https://www.youtube.com/shorts/dQw4w9WgXcQ  ")).toBe(expected);
    expect(embed("https://www.youtube.com/embed/dQw4w9WgXcQ")).toBe(expected);
    expect(embed("http://www.youtube.com/watch?v=dQw4w9WgXcQ")).toBe(expected);
    expect(embed("https://youtu.be/dQw4w9WgXcQ?t=90")).toBe(`${expected}?start=90`);
    expect(embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s")).toBe(`${expected}?start=90`);
  });

  it("turns Vimeo and Facebook video links into their players' addresses", () => {
    expect(embed("https://vimeo.com/76979871")).toBe("https://player.vimeo.com/video/76979871");
    expect(embed("https://vimeo.com/76979871/8272103f6e")).toBe("https://player.vimeo.com/video/76979871?h=8272103f6e");
    expect(embed("https://player.vimeo.com/video/76979871")).toBe("https://player.vimeo.com/video/76979871");
    const fb = (href: string) => `https://www.facebook.com/plugins/video.php?href=${encodeURIComponent(href)}&show_text=false`;
    expect(embed("https://www.facebook.com/hoicuutnxp/videos/1234567890123456/")).toBe(fb("https://www.facebook.com/hoicuutnxp/videos/1234567890123456/"));
    expect(embed("https://m.facebook.com/hoicuutnxp/videos/dai-hoi/1234567890123456")).toBe(fb("https://www.facebook.com/hoicuutnxp/videos/1234567890123456/"));
    expect(embed("https://www.facebook.com/watch/?v=1234567890")).toBe(fb("https://www.facebook.com/watch/?v=1234567890"));
    expect(embed("https://www.facebook.com/reel/987654321")).toBe(fb("https://www.facebook.com/reel/987654321/"));
  });

  it("gives an embed address that passes again unchanged (checked again when shown)", () => {
    for (const link of ["https://youtu.be/dQw4w9WgXcQ?t=5", "https://vimeo.com/76979871/8272103f6e", "https://www.facebook.com/watch/?v=1234567890", "https://www.facebook.com/abc.page/videos/123456/"]) {
      const url = embed(link);
      expect(isAllowedEmbedUrl(url), url).toBe(true);
    }
    expect(isAllowedEmbedUrl("https://www.youtube.com/watch?v=dQw4w9WgXcQ")).toBe(false);
    expect(isAllowedEmbedUrl("https://evil.example/embed/dQw4w9WgXcQ")).toBe(false);
  });

  it("refuses other hosts, however the allowed name is slipped in", () => {
    for (const hostile of [
      "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ",
      "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com@evil.example/watch?v=dQw4w9WgXcQ",
      "https://user:pw@www.youtube.com/watch?v=dQw4w9WgXcQ",
      "https://www.youtube.com:8443/watch?v=dQw4w9WgXcQ",
      "https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ",
      "https://notyoutube.com/watch?v=dQw4w9WgXcQ",
      "https://fb.watch.evil.example/abc",
      "https://www.dailymotion.com/video/x7tgad0",
    ]) {
      expect(embed(hostile), hostile).toBe("refused:host");
    }
  });

  it("refuses what is not a web link at all", () => {
    for (const hostile of [
      "javascript:alert(1)",
      "javascript://www.youtube.com/watch?v=dQw4w9WgXcQ%0Aalert(1)",
      "data:text/html,<script>alert(1)</script>",
      "file:///etc/passwd",
      "vbscript:msgbox",
      "https://www.youtube.com/watch?v=dQw4w9WgXcQ <script>",
      "",
      "   ",
    ]) {
      expect(embed(hostile), hostile).toBe("refused:invalid");
    }
  });

  it("refuses an allowed host's page that is not one video, and ids with anything extra", () => {
    for (const notVideo of [
      "https://www.youtube.com/",
      "https://www.youtube.com/@hoicuutnxp",
      "https://www.youtube.com/watch?v=short",
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ"onload="x',
      "https://www.youtube.com/embed/dQw4w9WgXcQ/../../evil",
      "https://youtu.be/",
      "https://vimeo.com/channels/staffpicks",
      "https://vimeo.com/76979871/ZZZZ",
      "https://www.facebook.com/hoicuutnxp",
      "https://www.facebook.com/watch/?v=abc",
      "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fevil.example%2Fvideos%2F1",
      "https://www.facebook.com/plugins/video.php?href=javascript%3Aalert(1)",
    ]) {
      expect(embed(notVideo), notVideo).toBe("refused:video");
    }
  });

  it("names a catalogue message for each refusal", () => {
    const result = normaliseVideoLink("https://evil.example/x");
    expect(result).toMatchObject({ ok: false, messageKey: "media.linkNotAllowed" });
  });
});
