import { eq, inArray } from "drizzle-orm";
import { documentFiles, documents, externalIssuers, units, users } from "@/db/schema";
import type { Db } from "@/lib/db";
import { extractText } from "@/lib/documents/extract";
import { renderDocumentPdf } from "@/lib/documents/pdf";
import { refreshSearchText } from "@/lib/documents/service";
import { verificationCode } from "@/lib/documents/verification";
import { getFileStorage } from "@/lib/files/storage";
import { foldVietnamese } from "@/lib/i18n/format";

/**
 * Demo documents: every common type, issued by the central office, Hà Nội and Tuyên Quang, each
 * with a generated PDF whose text the library search finds; plus an internal report and a state
 * secret kept as a register entry only. Generated text, fictional signers.
 */

interface DemoDocument {
  unit: string;
  /** HD36 style, as the demo organisation numbers. */
  symbol: string;
  type: string;
  issuedOn: string;
  abstract: string;
  field: string;
  signer: string;
  body: string[];
  visibility?: "public" | "internal";
  confidentiality?: "normal" | "secret";
  external?: string;
}

const HEAD = {
  TW: "TRUNG ƯƠNG HỘI CỰU TNXP VIỆT NAM",
  "HA-NOI": "HỘI CỰU TNXP THÀNH PHỐ HÀ NỘI",
  "TUYEN-QUANG": "HỘI CỰU TNXP TỈNH TUYÊN QUANG",
} as const;

const PLACE = { TW: "Hà Nội", "HA-NOI": "Hà Nội", "TUYEN-QUANG": "Tuyên Quang" } as const;

const DOCUMENTS: DemoDocument[] = [
  {
    unit: "TW", symbol: "125-QĐ/TWH", type: "QĐ", issuedOn: "2026-01-12", field: "Tổ chức – cán bộ", signer: "Phạm Minh Tâm",
    abstract: "Quyết định về việc kiện toàn Ban Chấp hành Hội Cựu TNXP tỉnh Tuyên Quang nhiệm kỳ 2022–2027",
    body: ["Căn cứ Điều lệ Hội Cựu Thanh niên xung phong Việt Nam;", "Xét đề nghị của Ban Thường vụ Hội Cựu TNXP tỉnh Tuyên Quang sau khi sáp nhập đơn vị hành chính,", "Điều 1. Kiện toàn Ban Chấp hành Hội Cựu TNXP tỉnh Tuyên Quang nhiệm kỳ 2022–2027 gồm 35 đồng chí.", "Điều 2. Ban Chấp hành có trách nhiệm tổ chức hoạt động theo Điều lệ Hội.", "Điều 3. Quyết định có hiệu lực kể từ ngày ký."],
  },
  {
    unit: "TW", symbol: "08-NQ/TWH", type: "NQ", issuedOn: "2026-02-03", field: "Tổ chức – cán bộ", signer: "Phạm Minh Tâm",
    abstract: "Nghị quyết Hội nghị Ban Chấp hành Trung ương Hội lần thứ tám về nhiệm vụ năm 2026",
    body: ["Hội nghị thống nhất các chỉ tiêu: phát triển hội viên mới, số hóa hồ sơ hội viên, nâng cao chất lượng sinh hoạt chi hội.", "Các cấp hội tập trung kết nối thông tin từ Trung ương đến chi hội, bảo đảm mỗi tỉnh có ít nhất một cán bộ phụ trách dữ liệu."],
  },
  {
    unit: "TW", symbol: "15-CT/TWH", type: "CT", issuedOn: "2026-03-05", field: "Tuyên truyền", signer: "Phạm Minh Tâm",
    abstract: "Chỉ thị về tăng cường công tác tuyên truyền kỷ niệm Ngày truyền thống lực lượng Thanh niên xung phong",
    body: ["Các cấp hội tổ chức các hoạt động tuyên truyền thiết thực, tiết kiệm, hướng về cơ sở.", "Phát huy truyền thống cách mạng, tôn vinh các tập thể, cá nhân tiêu biểu."],
  },
  {
    unit: "TW", symbol: "210-TB/TWH", type: "TB", issuedOn: "2026-04-20", field: "Văn phòng", signer: "Trần Văn Hùng",
    abstract: "Thông báo kết luận của Thường trực Trung ương Hội tại buổi giao ban trực tuyến thứ Hai hằng tuần",
    body: ["Buổi giao ban trực tuyến được tổ chức lúc 9 giờ sáng thứ Hai hằng tuần với các tỉnh, thành phố.", "Các đơn vị báo cáo tiến độ cập nhật dữ liệu hội viên và công tác chuẩn bị Đại hội."],
  },
  {
    unit: "TW", symbol: "37-HD/TWH", type: "HD", issuedOn: "2026-05-08", field: "Công nghệ thông tin", signer: "Trần Văn Hùng",
    abstract: "Hướng dẫn kết nối thông tin và nhập danh sách hội viên vào phần mềm Kết Nối",
    body: ["Mỗi chi hội lập danh sách hội viên theo tệp mẫu, kiểm tra số định danh cá nhân và ngày sinh trước khi nhập.", "Kết nối thông tin giữa các cấp hội được thực hiện trên phần mềm, không gửi danh sách qua thư điện tử cá nhân.", "Văn bản mật không được đưa lên phần mềm dưới bất kỳ hình thức nào."],
  },
  {
    unit: "TW", symbol: "52-KH/TWH", type: "KH", issuedOn: "2026-06-15", field: "Phong trào", signer: "Phạm Minh Tâm",
    abstract: "Kế hoạch tổ chức chương trình “Về nguồn” năm 2026 cho hội viên Cựu TNXP",
    body: ["Mục đích: giáo dục truyền thống, tri ân các anh hùng liệt sĩ Thanh niên xung phong.", "Thời gian: tháng 7 năm 2026. Địa điểm: Khu di tích Ngã ba Đồng Lộc, tỉnh Hà Tĩnh."],
  },
  {
    unit: "TW", symbol: "12-CTr/TWH", type: "CTr", issuedOn: "2026-01-20", field: "Phong trào", signer: "Phạm Minh Tâm",
    abstract: "Chương trình công tác năm 2026 của Trung ương Hội Cựu TNXP Việt Nam",
    body: ["Quý I: tổng kết năm, triển khai nhiệm vụ; Quý II: giao ban cụm thi đua; Quý III: chương trình Về nguồn; Quý IV: sơ kết, khen thưởng."],
  },
  {
    unit: "TW", symbol: "04-QyĐ/TWH", type: "QyĐ", issuedOn: "2025-11-10", field: "Tổ chức – cán bộ", signer: "Phạm Minh Tâm",
    abstract: "Quy định về quản lý hồ sơ hội viên và bảo vệ dữ liệu cá nhân trong hệ thống Hội",
    body: ["Hồ sơ hội viên do chi hội cập nhật, cấp trên xem và tổng hợp.", "Số định danh cá nhân chỉ hiển thị đầy đủ với cán bộ được giao nhiệm vụ."],
  },
  {
    unit: "HA-NOI", symbol: "89-BC/HCCB", type: "BC", issuedOn: "2026-07-05", field: "Văn phòng", signer: "Lê Thị Hoa",
    abstract: "Báo cáo sơ kết công tác Hội 6 tháng đầu năm 2026 của Hội Cựu TNXP thành phố Hà Nội",
    body: ["Toàn thành phố có trên 1.000 hội viên được cập nhật dữ liệu, 100% chi hội tham gia giao ban trực tuyến.", "Phương hướng 6 tháng cuối năm: hoàn thành số hóa hồ sơ, tổ chức gặp mặt truyền thống."],
  },
  {
    unit: "HA-NOI", symbol: "145-CV/HCCB", type: "CV", issuedOn: "2026-08-18", field: "Văn phòng", signer: "Lê Thị Hoa",
    abstract: "Công văn về việc rà soát, cập nhật danh sách hội viên cao tuổi để thăm hỏi dịp Tết",
    body: ["Đề nghị các phường, xã rà soát hội viên từ 80 tuổi trở lên, gửi danh sách trước ngày 15/12/2026."],
  },
  {
    unit: "HA-NOI", symbol: "22-GM/HCCB", type: "GM", issuedOn: "2026-09-02", field: "Văn phòng", signer: "Lê Thị Hoa",
    abstract: "Giấy mời dự Hội nghị giao ban cụm thi đua các tỉnh, thành phố phía Bắc",
    body: ["Thời gian: 8 giờ 00 ngày 12/9/2026. Địa điểm: Hội trường Hội Cựu TNXP thành phố Hà Nội."],
  },
  {
    unit: "TUYEN-QUANG", symbol: "31-TTr/HCCB", type: "TTr", issuedOn: "2026-03-28", field: "Chính sách", signer: "Hoàng Văn Sơn",
    abstract: "Tờ trình đề nghị hỗ trợ hội viên Cựu TNXP có hoàn cảnh khó khăn sau bão lũ",
    body: ["Sau đợt bão lũ tháng 3, 42 gia đình hội viên bị thiệt hại nhà cửa, hoa màu.", "Kính đề nghị Trung ương Hội xem xét hỗ trợ kinh phí sửa chữa nhà ở."],
  },
  {
    unit: "TUYEN-QUANG", symbol: "18-KH/HCCB", type: "KH", issuedOn: "2026-02-14", field: "Tổ chức – cán bộ", signer: "Hoàng Văn Sơn",
    abstract: "Kế hoạch hợp nhất tổ chức Hội sau sắp xếp đơn vị hành chính cấp tỉnh",
    body: ["Hợp nhất Ban Chấp hành, cơ quan thường trực và hồ sơ hội viên của hai tỉnh Tuyên Quang và Hà Giang.", "Hoàn thành trước ngày 30/6/2026."],
  },
  {
    unit: "TW", symbol: "01/QĐ-BNV", type: "QĐ", issuedOn: "2025-12-30", field: "Chính sách", signer: "Nguyễn Văn Bình", external: "Bộ Nội vụ",
    abstract: "Quyết định phê duyệt Điều lệ sửa đổi, bổ sung của Hội Cựu Thanh niên xung phong Việt Nam",
    body: ["Phê duyệt Điều lệ (sửa đổi, bổ sung) của Hội Cựu Thanh niên xung phong Việt Nam đã được Đại hội thông qua."],
  },
  {
    unit: "HA-NOI", symbol: "90-BC/HCCB", type: "BC", issuedOn: "2026-07-06", field: "Tổ chức – cán bộ", signer: "Lê Thị Hoa", visibility: "internal",
    abstract: "Báo cáo nội bộ về tình hình cán bộ chủ chốt các phường sau sắp xếp",
    body: ["Báo cáo nội bộ, chỉ lưu hành trong Ban Thường vụ."],
  },
  {
    unit: "TW", symbol: "05-CV/TWH", type: "CV", issuedOn: "2026-05-20", field: "Văn phòng", signer: "Phạm Minh Tâm", confidentiality: "secret",
    abstract: "Công văn về công tác bảo vệ bí mật nhà nước năm 2026",
    body: [],
  },
];

export async function seedDocuments(db: Db) {
  const codes = [...new Set(DOCUMENTS.map((d) => d.unit))];
  const unitRows = await db.select({ id: units.id, code: units.code }).from(units).where(inArray(units.code, codes));
  const unitId = new Map(unitRows.map((u) => [u.code, u.id]));
  const [clerk] = await db.select({ id: users.id }).from(users).where(eq(users.username, "vanthu"));

  // Files first (content-addressed storage, outside the transaction), then the records in one go.
  const prepared: { d: DemoDocument; file: { bytes: Uint8Array; sha256: string; text: Awaited<ReturnType<typeof extractText>> } | null }[] = [];
  for (const d of DOCUMENTS) {
    if (d.confidentiality === "secret") {
      prepared.push({ d, file: null });
      continue;
    }
    const [issuedYear, issuedMonth, issuedDay] = d.issuedOn.split("-").map(Number) as [number, number, number];
    const head = d.external ? d.external.toUpperCase() : HEAD[d.unit as keyof typeof HEAD];
    const bytes = await renderDocumentPdf({
      title: d.abstract,
      lines: d.body,
      meta: {
        style: d.external ? "ND30" : "HD36",
        issuer: head,
        numberSymbol: d.symbol,
        placeAndDate: `${PLACE[d.unit as keyof typeof PLACE]}, ngày ${issuedDay} tháng ${issuedMonth} năm ${issuedYear}`,
        signer: { position: "TM. BAN THƯỜNG VỤ", name: d.signer },
        createdAt: new Date(`${d.issuedOn}T02:00:00Z`),
      },
    });
    const { sha256 } = await getFileStorage().put(bytes);
    const text = await extractText(bytes, "pdf");
    prepared.push({ d, file: { bytes, sha256, text } });
  }

  await db.transaction(async (tx) => {
    for (const { d, file } of prepared) {
      let issuerExternalId: string | null = null;
      if (d.external) {
        const [org] = await tx
          .insert(externalIssuers)
          .values({ name: d.external, code: d.symbol.split("-").pop() ?? "", nameFolded: foldVietnamese(d.external) })
          .onConflictDoNothing()
          .returning({ id: externalIssuers.id });
        issuerExternalId = org?.id ?? null;
      }
      const secret = d.confidentiality === "secret";
      const [doc] = await tx
        .insert(documents)
        .values({
          unitId: unitId.get(d.unit)!,
          numberSymbolRaw: d.symbol,
          numberSymbol: d.symbol,
          number: Number.parseInt(d.symbol, 10),
          typeCode: d.type,
          issuerUnitId: d.external ? null : unitId.get(d.unit)!,
          issuerExternalId,
          issuedOn: d.issuedOn,
          signer: d.signer,
          abstract: d.abstract,
          field: d.field,
          confidentiality: secret ? "secret" : "normal",
          visibility: secret ? "internal" : (d.visibility ?? "public"),
          paperLocation: secret ? "Tủ tài liệu mật, phòng Văn thư Trung ương Hội" : "",
          publishedAt: secret || d.visibility === "internal" ? null : new Date(`${d.issuedOn}T03:00:00Z`),
          publishedBy: secret || d.visibility === "internal" ? null : (clerk?.id ?? null),
          createdBy: clerk?.id ?? null,
        })
        .returning({ id: documents.id });
      if (file) {
        await tx.insert(documentFiles).values({
          documentId: doc!.id,
          sha256: file.sha256,
          verificationCode: verificationCode(file.sha256),
          fileName: `${d.symbol.replace(/\//g, "-")}.pdf`,
          kind: "pdf",
          mime: "application/pdf",
          size: file.bytes.length,
          pages: file.text.pages ?? null,
          text: file.text.text,
          searchable: file.text.searchable,
          createdBy: clerk?.id ?? null,
        });
      }
      await refreshSearchText(tx, doc!.id);
    }
  });
  return DOCUMENTS.length;
}
