import { Parser } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { linkFromTyped, safeImageSrc, safeLinkHref } from "@/lib/portal/rich-text-urls";
import { isBlankRichText, plainTextOf, sanitizeRichText } from "@/lib/portal/sanitize";

/**
 * The sanitiser is judged by what a browser would make of its output: each result is parsed
 * again (htmlparser2, entities decoded) and every element, attribute and address checked against
 * the allow-list, whatever the payload tried.
 */

const ALLOWED_ATTRIBUTES: Record<string, string[]> = {
  p: ["style"], br: [], h2: ["style"], h3: ["style"], h4: ["style"], strong: [], b: [], em: [], i: [], u: [], s: [], sub: [], sup: [],
  blockquote: [], ul: [], ol: [], li: [], a: ["href", "rel", "target"], img: ["src", "alt", "width", "height"], figure: [], figcaption: [],
  table: [], thead: [], tbody: [], tr: [], th: ["colspan", "rowspan"], td: ["colspan", "rowspan"], hr: [], code: [], pre: [],
};

// What a browser ignores inside a URL: whitespace and control characters anywhere.
const asBrowserReads = (value: string) => value.replace(/[\s\u0000-\u001f\u007f-\u009f\u200b\ufeff]/g, "").toLowerCase();

function problemsOf(output: string): string[] {
  const problems: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      const allowed = ALLOWED_ATTRIBUTES[name];
      if (!allowed) problems.push(`element <${name}>`);
      for (const [attr, value] of Object.entries(attribs)) {
        const url = asBrowserReads(value);
        if (attr.startsWith("on")) problems.push(`handler ${attr} on <${name}>`);
        if (allowed && !allowed.includes(attr)) problems.push(`attribute ${attr} on <${name}>`);
        if (/javascript:|vbscript:|data:|expression\(|url\(/.test(url)) problems.push(`${attr}="${value}" on <${name}>`);
        if ((attr === "href" || attr === "src") && !/^(https?:\/\/|mailto:|\/(?![/\\]))/.test(url)) problems.push(`address ${attr}="${value}"`);
        if (attr === "src" && url.startsWith("http:")) problems.push(`insecure image ${value}`);
        if (attr === "style" && !/^text-align:(left|center|right|justify);?$/.test(url)) problems.push(`style="${value}"`);
        if ((attr === "colspan" || attr === "rowspan" || attr === "width" || attr === "height") && !/^\d+$/.test(value)) problems.push(`${attr}="${value}"`);
      }
    },
    oncomment: () => problems.push("comment"),
    onprocessinginstruction: (name) => problems.push(`instruction ${name}`),
    oncdatastart: () => problems.push("cdata"),
  });
  parser.end(output);
  if (/<\s*script/i.test(output)) problems.push("<script in output");
  return problems;
}

const PAYLOADS: string[] = [
  // script tags: casings, nestings, unclosed, attributes
  "<script>alert(1)</script>",
  "<SCRIPT>alert(1)</SCRIPT>",
  "<ScRiPt>alert(1)</sCrIpT>",
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  '<script src="https://evil.example/x.js"></script>',
  '<script/xss src="data:text/javascript,alert(1)"></script>',
  "<<script>alert(1)//<</script>",
  "<p>a<script>alert(1)",
  "<p><script>alert(1)</script></p>",
  '"><script>alert(1)</script>',
  "<script\n>alert(1)</script\n>",
  // event handlers on every kind of element
  "<img src=x onerror=alert(1)>",
  '<img src="https://a.example/x.png" onload="alert(1)">',
  "<IMG SRC=x ONERROR=alert(1)>",
  "<img/src=x/onerror=alert(1)>",
  '<p onclick="alert(1)">x</p>',
  '<a href="https://a.example" onmouseover="alert(1)">x</a>',
  "<h2 onfocus=alert(1) tabindex=0 autofocus>x</h2>",
  "<table onpointerenter=alert(1)><tr><td onclick=alert(1)>x</td></tr></table>",
  "<body onload=alert(1)>",
  "<details open ontoggle=alert(1)>x</details>",
  "<video><source onerror=alert(1)></video>",
  "<audio src=x onerror=alert(1)>",
  "<input autofocus onfocus=alert(1)>",
  "<marquee onstart=alert(1)>x</marquee>",
  '<li onmouseenter="alert(1)">x</li><blockquote onclick="alert(1)">y</blockquote>',
  "<div><img src=\"x\" onerror=\"alert(1)\"></div>",
  // javascript:, vbscript:, data: — encoded, split, disguised
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>',
  '<a href="&#0000106&#0000097vascript:alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="java\nscript:alert(1)">x</a>',
  '<a href="java&#x09;script:alert(1)">x</a>',
  '<a href="java&#x0A;script:alert(1)">x</a>',
  '<a href=" \u0001javascript:alert(1)">x</a>',
  '<a href="javas\u0000cript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="javascript:alert(1)">',
  '<img src="http://evil.example/x.png">',
  '<img src="//evil.example/x.png">',
  '<a href="//evil.example">x</a>',
  '<a href="/\\evil.example">x</a>',
  '<img src="https://a.example/x.png" srcset="javascript:alert(1) 1x">',
  // svg and math namespace tricks, mutation XSS
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
  "<svg><animate attributeName=href values=javascript:alert(1) /><a><text>x</text></a></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<math href="javascript:alert(1)">x</math>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<svg><textarea><img src=x onerror=alert(1)></textarea></svg>",
  "<textarea><script>alert(1)</script></textarea>",
  "<xmp><img src=x onerror=alert(1)></xmp>",
  "<title><img src=x onerror=alert(1)></title>",
  "<plaintext><script>alert(1)</script>",
  // frames, objects, forms
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<isindex type=image src=1 onerror=alert(1)>',
  // styles
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<p style="width: expression(alert(1))">x</p>',
  "<p style=\"text-align: center; background-image: url('javascript:alert(1)')\">x</p>",
  '<h2 style="text-align: expression(alert(1))">x</h2>',
  "<style>@import 'https://evil.example/x.css';</style>",
  '<p style="text-align: center" class="x" id="y" data-x="1">x</p>',
  // document-level tricks
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  "<template><script>alert(1)</script></template>",
  // comments, CDATA, unclosed and malformed tags
  "<!--<img src=x onerror=alert(1)>-->",
  "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "<img src=x onerror=alert(1)//",
  '<p title="x" <img src=x onerror=alert(1)>',
  '<img src="https://a.example/x.png" alt="&quot; onerror=&quot;alert(1)">',
  '<a href="https://a.example/&quot;onmouseover=&quot;alert(1)">x</a>',
  '<a href="https://a.example" target="_self" rel="opener">x</a>',
  '<?xml version="1.0"?><p>x</p>',
];

describe("sanitizeRichText against XSS", () => {
  it("has at least 60 distinct payloads", () => {
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(60);
  });

  for (const payload of PAYLOADS) {
    it(`neutralises ${JSON.stringify(payload).slice(0, 90)}`, () => {
      const output = sanitizeRichText(payload);
      expect(problemsOf(output), output).toEqual([]);
      expect(sanitizeRichText(output)).toBe(output);
    });
  }

  it("the check itself would catch the payloads left unsanitised", () => {
    // Those it passes raw are dangerous only if quoting or rel were lost, which the next test pins.
    expect(PAYLOADS.filter((payload) => problemsOf(payload).length === 0)).toEqual([
      "<img src=x onerror=alert(1)//",
      '<img src="https://a.example/x.png" alt="&quot; onerror=&quot;alert(1)">',
      '<a href="https://a.example/&quot;onmouseover=&quot;alert(1)">x</a>',
      '<a href="https://a.example" target="_self" rel="opener">x</a>',
    ]);
    expect(sanitizeRichText('<img src="https://a.example/x.png" alt="&quot; onerror=&quot;alert(1)">')).toBe('<img src="https://a.example/x.png" alt="&quot; onerror=&quot;alert(1)" />');
    expect(sanitizeRichText('<a href="https://a.example" target="_self" rel="opener">x</a>')).toBe('<a href="https://a.example" rel="noopener noreferrer nofollow" target="_blank">x</a>');
  });

  it("keeps the harmless part of a mixed payload", () => {
    expect(sanitizeRichText('<p onclick="alert(1)">Xin chào<script>alert(1)</script></p>')).toBe("<p>Xin chào</p>");
    expect(sanitizeRichText('<a href="javascript:alert(1)">liên kết</a>')).toBe("liên kết");
    expect(sanitizeRichText('<p style="text-align: right; color: red" class="x">x</p>')).toBe('<p style="text-align:right">x</p>');
  });
});

describe("sanitizeRichText keeps what the editor writes", () => {
  const same = (html: string) => expect(sanitizeRichText(html)).toBe(html);

  it("headings, emphasis, lists, quotes, rules and code", () => {
    same(
      "<h2>Giới thiệu</h2><h3>Lịch sử</h3><h4>Truyền thống</h4>" +
        "<p><strong>Đậm</strong> <b>đậm</b> <em>nghiêng</em> <i>nghiêng</i> <u>gạch dưới</u> <s>gạch ngang</s> H<sub>2</sub>O x<sup>2</sup> a &amp; b &lt;c&gt;<br />dòng mới</p>" +
        "<ul><li><p>Một</p></li><li><p>Hai</p></li></ul><ol><li><p>Thứ nhất</p></li></ol>" +
        "<blockquote><p>Trích dẫn</p></blockquote><hr /><pre><code>const a = 1;</code></pre>",
    );
  });

  it("an external link gets rel and target; a same-site link and mailto stay as they are", () => {
    expect(sanitizeRichText('<a href="https://dangcongsan.vn/tin">Báo Đảng</a>')).toBe(
      '<a href="https://dangcongsan.vn/tin" rel="noopener noreferrer nofollow" target="_blank">Báo Đảng</a>',
    );
    same('<p><a href="/gioi-thieu/lien-he">Liên hệ</a> hoặc <a href="mailto:vanphong@example.vn">thư</a></p>');
  });

  it("an image keeps its address, alt text and size; a figure its caption", () => {
    same('<figure><img src="https://example.vn/anh/dai-hoi.jpg" alt="Đại hội" width="800" height="600" /><figcaption>Đại hội 2026</figcaption></figure>');
    same('<p><img src="/api/anh/abc.png" alt="" /></p>');
    expect(sanitizeRichText('<img src="https://example.vn/a.png" alt="Ảnh" title="t" width="50%">')).toBe('<img src="https://example.vn/a.png" alt="Ảnh" />');
  });

  it("a table with header cells and spans", () => {
    same('<table><thead><tr><th colspan="2">Chức vụ</th></tr></thead><tbody><tr><td rowspan="2">Chủ tịch</td><td>Ông A</td></tr><tr><td>Bà B</td></tr></tbody></table>');
  });

  it("text alignment as Tiptap writes it", () => {
    expect(sanitizeRichText('<p style="text-align: center">Giữa</p><h2 style="text-align: justify">Đều</h2>')).toBe(
      '<p style="text-align:center">Giữa</p><h2 style="text-align:justify">Đều</h2>',
    );
    same('<h3 style="text-align:right">Phải</h3><h4 style="text-align:left">Trái</h4>');
  });

  it("is idempotent on legitimate content too", () => {
    const html = '<h2 style="text-align: center">A</h2><p><a href="https://x.vn">x</a><img src="https://x.vn/a.png" alt="a"></p><table><tr><td colspan="2">c</td></tr></table>';
    const once = sanitizeRichText(html);
    expect(sanitizeRichText(once)).toBe(once);
  });
});

describe("plainTextOf and isBlankRichText", () => {
  it("gives the visible text, blocks apart, entities decoded, whitespace collapsed", () => {
    expect(plainTextOf("<h2>Giới&nbsp;thiệu</h2><p>Hội &amp; hội viên</p><ul><li>Một</li><li>Hai</li></ul><script>alert(1)</script>")).toBe("Giới thiệu Hội & hội viên Một Hai");
    expect(plainTextOf("<p>  nhiều \n\n  khoảng   trắng </p>")).toBe("nhiều khoảng trắng");
    expect(plainTextOf("<p>a<br>b</p>")).toBe("a b");
  });

  it("treats empty paragraphs, spaces and &nbsp; as blank, but not text or an image", () => {
    for (const blank of ["", "   ", "<p></p>", "<p><br></p>", "<p>&nbsp; &nbsp;</p>", "<h2> </h2><p>\u00a0</p>", "<script>alert(1)</script>", '<img src="javascript:alert(1)">', "<hr>"]) {
      expect(isBlankRichText(blank), blank).toBe(true);
    }
    expect(isBlankRichText("<p>.</p>")).toBe(false);
    expect(isBlankRichText('<p><img src="https://example.vn/a.png" alt=""></p>')).toBe(false);
  });
});

describe("the address rules the editor checks as they are typed", () => {
  it("links: http, https, mailto and same-site paths, as a browser would read them", () => {
    expect(safeLinkHref("https://example.vn/a?b=1#c")).toBe("https://example.vn/a?b=1#c");
    expect(safeLinkHref("  /gioi-thieu/lanh-dao ")).toBe("/gioi-thieu/lanh-dao");
    expect(safeLinkHref("mailto:vanphong@example.vn")).toBe("mailto:vanphong@example.vn");
    for (const bad of ["javascript:alert(1)", "java\tscript:alert(1)", "//evil.example", "/\\evil.example", "example.vn", "#muc", "mailto:", "https://", "ftp://example.vn"]) {
      expect(safeLinkHref(bad), bad).toBeNull();
    }
  });

  it("images: https and same-site paths only", () => {
    expect(safeImageSrc("https://example.vn/a.png")).toBe("https://example.vn/a.png");
    expect(safeImageSrc("/api/anh/a.png")).toBe("/api/anh/a.png");
    for (const bad of ["http://example.vn/a.png", "data:image/png;base64,AAAA", "//example.vn/a.png", "a.png"]) expect(safeImageSrc(bad), bad).toBeNull();
  });

  it("what is typed into the editor's link box: bare domains and e-mail addresses completed", () => {
    expect(linkFromTyped("dangcongsan.vn/tin-tuc")).toBe("https://dangcongsan.vn/tin-tuc");
    expect(linkFromTyped("vanphong@example.vn")).toBe("mailto:vanphong@example.vn");
    expect(linkFromTyped(" http://example.vn ")).toBe("http://example.vn");
    expect(linkFromTyped("/gioi-thieu/lich-su-truyen-thong")).toBe("/gioi-thieu/lich-su-truyen-thong");
    for (const bad of ["javascript:alert(1)", "javascript:alert(1).vn", "hello world", "//evil.example", "data:text/html,x"]) expect(linkFromTyped(bad), bad).toBeNull();
  });
});
