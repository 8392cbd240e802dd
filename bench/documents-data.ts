/**
 * Made-up document records for the documents benchmark: published, public, not secret, issued by
 * the demo organisation's units (and a few outside bodies) over ten years, with a Vietnamese
 * abstract and a few hundred words of "extracted" file text built from the association's usual
 * phrases. Deterministic (one seeded random stream), generated in chunks as COPY text so that
 * 100,000 records never sit in memory at once. search_text is built exactly as refreshSearchText
 * builds it.
 */
import { createHash, randomUUID } from "node:crypto";
import { mulberry32 } from "@/db/seed/members";
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, type Weighted } from "@/db/seed/names";
import { DEMO_COMMUNES, VILLAGE_NAMES } from "@/db/seed/places";
import { DOCUMENT_TYPES } from "@/lib/documents/types";
import { verificationCode } from "@/lib/documents/verification";
import { foldVietnamese } from "@/lib/i18n/format";
import { table } from "./members-data";

const SEED = 0x646f6373;

export interface Issuer {
  kind: "unit" | "external";
  id: string;
  name: string;
  /** For the owning unit of an external issuer's document and for weights. */
  level: number;
  /** The issuer's code in symbols ("TWH", "HCTNXP", "BNV"). */
  symbolCode: string;
  style: "HD36" | "ND30";
  activeFrom: string | null;
  activeTo: string | null;
  weight: number;
}

/** Outside bodies whose documents an association records (ND30 style). */
export const EXTERNAL_ISSUERS = [
  { name: "Bộ Nội vụ", code: "BNV" },
  { name: "Bộ Lao động – Thương binh và Xã hội", code: "BLĐTBXH" },
  { name: "Bộ Tài chính", code: "BTC" },
  { name: "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", code: "MTTW" },
  { name: "Ủy ban nhân dân thành phố Hà Nội", code: "UBND" },
] as const;

// ---------------------------------------------------------------------------------------------
// random helpers

type Rng = () => number;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

// ---------------------------------------------------------------------------------------------
// vocabulary

/** Types as often as an association issues them; code → weight. */
const TYPE_WEIGHTS: Weighted<string> = [
  ["CV", 18], ["TB", 12], ["BC", 12], ["KH", 11], ["QĐ", 10], ["GM", 8], ["HD", 5], ["CTr", 4], ["TTr", 4], ["NQ", 3], ["BB", 3],
  ["CT", 2], ["KL", 2], ["QC", 1], ["QĐi", 1], ["ĐA", 1], ["PA", 0.5], ["GGT", 0.5], ["TC", 0.3], ["BS", 0.2],
];
const typeByCode = new Map<string, { code: string; name: string }>(DOCUMENT_TYPES.map((t) => [t.code, { code: t.code, name: t.name }]));
const pickType = table(TYPE_WEIGHTS);

const OCCASIONS = [
  "Ngày truyền thống lực lượng Thanh niên xung phong Việt Nam 15/7",
  "Ngày Thương binh – Liệt sĩ 27/7",
  "Tết Nguyên đán",
  "Ngày Quốc khánh 2/9",
  "Ngày thành lập Hội Cựu TNXP Việt Nam",
  "Ngày Giải phóng miền Nam, thống nhất đất nước 30/4",
] as const;

const REGIONS = ["Bắc", "Trung", "Nam", "Tây Nguyên"] as const;
const SLOGANS = ["“Cựu TNXP gương mẫu, nghĩa tình”", "“Đoàn kết, sáng tạo, phát triển”", "“Cựu TNXP giúp nhau làm kinh tế giỏi”", "“Nghĩa tình đồng đội”"] as const;
const ROMAN = ["II", "III", "IV", "V", "VI", "VII"] as const;
const PROVINCE_NAMES = ["Hà Nội", "Tuyên Quang", "Thái Nguyên", "Quảng Ninh", "Phú Thọ", "Bắc Ninh", "Hải Phòng", "Hưng Yên", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Khánh Hòa", "Lâm Đồng", "Đồng Nai", "Tây Ninh", "Thành phố Hồ Chí Minh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Cần Thơ", "Cà Mau", "Lào Cai", "Sơn La", "Điện Biên", "Lai Châu", "Cao Bằng", "Lạng Sơn"] as const;
const COMMUNE_NAMES = [...Object.values(DEMO_COMMUNES).flat().map((c) => `${c.kind} ${c.name}`), ...VILLAGE_NAMES.map((v) => `thôn ${v}`)];

interface Ctx {
  rng: Rng;
  year: number;
  issuerShort: string;
  province: string;
  person: () => string;
}

type Template = (c: Ctx) => string;

interface Topic {
  field: string;
  weight: number;
  /** What the abstract says after the type's name ("Kế hoạch tổ chức …"). */
  abstracts: Template[];
  /** Sentences of the body. */
  sentences: Template[];
}

const term = (y: number) => `${y - (y % 5) + 2}–${y - (y % 5) + 7}`;

const TOPICS: Topic[] = [
  {
    field: "Tổ chức – cán bộ",
    weight: 16,
    abstracts: [
      (c) => `kiện toàn Ban Chấp hành ${c.issuerShort} nhiệm kỳ ${term(c.year)}`,
      (c) => `công tác chuẩn bị Đại hội đại biểu ${c.issuerShort} lần thứ ${pick(c.rng, ROMAN)}, nhiệm kỳ ${term(c.year)}`,
      (c) => `phát triển hội viên mới và nâng cao chất lượng sinh hoạt chi hội năm ${c.year}`,
      () => `sắp xếp, hợp nhất tổ chức Hội sau sắp xếp đơn vị hành chính`,
      () => `quản lý hồ sơ hội viên và bảo vệ dữ liệu cá nhân trong hệ thống Hội`,
      (c) => `bổ nhiệm cán bộ Văn phòng ${c.issuerShort}`,
    ],
    sentences: [
      (c) => `Kiện toàn Ban Chấp hành gồm ${int(c.rng, 15, 45)} đồng chí, Ban Thường vụ gồm ${int(c.rng, 5, 13)} đồng chí.`,
      () => `Ban Chấp hành có trách nhiệm tổ chức hoạt động theo Điều lệ Hội và quy chế làm việc.`,
      (c) => `Phấn đấu kết nạp ${int(c.rng, 20, 600)} hội viên mới, nâng tỷ lệ chi hội vững mạnh lên ${int(c.rng, 60, 95)}%.`,
      () => `Các chi hội rà soát danh sách hội viên, cập nhật hồ sơ, xóa tên hội viên đã từ trần hoặc chuyển đi nơi khác.`,
      (c) => `Đồng chí ${c.person()} được phân công phụ trách công tác tổ chức, kiểm tra.`,
      () => `Hồ sơ hội viên do chi hội cập nhật, cấp trên xem và tổng hợp; số định danh cá nhân chỉ hiển thị với cán bộ được giao nhiệm vụ.`,
      () => `Đại hội bầu Ban Chấp hành khóa mới, thảo luận báo cáo chính trị và phương hướng nhiệm vụ nhiệm kỳ tới.`,
    ],
  },
  {
    field: "Phong trào",
    weight: 14,
    abstracts: [
      (c) => `tổ chức kỷ niệm ${c.year - 1950} năm Ngày truyền thống lực lượng Thanh niên xung phong Việt Nam (15/7/1950 – 15/7/${c.year})`,
      (c) => `tổ chức chương trình “Về nguồn” năm ${c.year} cho hội viên Cựu TNXP`,
      (c) => `gặp mặt hội viên tiêu biểu nhân dịp ${pick(c.rng, OCCASIONS)}`,
      (c) => `tổ chức hội thao, hội diễn văn nghệ chào mừng ${pick(c.rng, OCCASIONS)}`,
      (c) => `phát động phong trào thi đua ${pick(c.rng, SLOGANS)} năm ${c.year}`,
    ],
    sentences: [
      () => `Mục đích: giáo dục truyền thống, tri ân các anh hùng liệt sĩ Thanh niên xung phong đã hy sinh vì độc lập, tự do của Tổ quốc.`,
      (c) => `Thời gian: tháng ${int(c.rng, 1, 12)} năm ${c.year}. Địa điểm: ${pick(c.rng, ["Khu di tích Ngã ba Đồng Lộc, tỉnh Hà Tĩnh", "Nghĩa trang liệt sĩ Trường Sơn, tỉnh Quảng Trị", "Hội trường Trung ương Hội", `trụ sở Hội Cựu TNXP ${c.province}`])}.`,
      () => `Các cấp hội tổ chức các hoạt động kỷ niệm thiết thực, tiết kiệm, hướng về cơ sở.`,
      (c) => `Dâng hương, dâng hoa tại đài tưởng niệm; thăm hỏi, tặng ${int(c.rng, 10, 300)} suất quà cho hội viên có hoàn cảnh khó khăn.`,
      () => `Phát huy truyền thống cách mạng, tôn vinh các tập thể, cá nhân tiêu biểu trong phong trào thi đua.`,
      (c) => `Đoàn gồm ${int(c.rng, 20, 120)} hội viên, do đồng chí ${c.person()} làm trưởng đoàn.`,
    ],
  },
  {
    field: "Văn phòng",
    weight: 16,
    abstracts: [
      (c) => `kết luận của Thường trực ${c.issuerShort} tại buổi giao ban ${pick(c.rng, ["trực tuyến thứ Hai hằng tuần", `tháng ${int(c.rng, 1, 12)}`, `quý ${pick(c.rng, ["I", "II", "III", "IV"])}`])}`,
      (c) => `lịch công tác tháng ${int(c.rng, 1, 12)} năm ${c.year} của Thường trực ${c.issuerShort}`,
      (c) => `giao ban cụm thi đua các tỉnh, thành phố phía ${pick(c.rng, REGIONS)} năm ${c.year}`,
      (c) => `sơ kết công tác Hội 6 tháng đầu năm ${c.year} và phương hướng nhiệm vụ 6 tháng cuối năm`,
      (c) => `tổng kết công tác Hội năm ${c.year} và phương hướng nhiệm vụ năm ${c.year + 1}`,
    ],
    sentences: [
      () => `Buổi giao ban trực tuyến được tổ chức lúc 9 giờ sáng thứ Hai hằng tuần với các tỉnh, thành phố.`,
      () => `Các đơn vị báo cáo tiến độ cập nhật dữ liệu hội viên và công tác chuẩn bị Đại hội các cấp.`,
      (c) => `Thời gian: ${int(c.rng, 7, 14)} giờ 00 ngày ${int(c.rng, 1, 28)}/${int(c.rng, 1, 12)}/${c.year}. Địa điểm: Hội trường ${c.issuerShort}.`,
      (c) => `Trong kỳ, toàn hệ thống có ${int(c.rng, 100, 9000)} hội viên được cập nhật dữ liệu, ${int(c.rng, 70, 100)}% chi hội tham gia giao ban trực tuyến.`,
      () => `Thường trực thống nhất giao Văn phòng theo dõi, đôn đốc các ban chuyên môn thực hiện kết luận.`,
      (c) => `Đồng chí ${c.person()}, Phó Chủ tịch, chủ trì buổi giao ban.`,
      () => `Phương hướng thời gian tới: hoàn thành số hóa hồ sơ, tổ chức gặp mặt truyền thống, làm tốt công tác thi đua khen thưởng.`,
    ],
  },
  {
    field: "Chính sách",
    weight: 12,
    abstracts: [
      (c) => `rà soát, cập nhật danh sách hội viên cao tuổi để thăm hỏi dịp Tết Nguyên đán ${c.year + 1}`,
      (c) => `hỗ trợ hội viên Cựu TNXP có hoàn cảnh khó khăn sau bão lũ tại tỉnh ${pick(c.rng, PROVINCE_NAMES)}`,
      (c) => `vận động ủng hộ Quỹ Nghĩa tình đồng đội năm ${c.year}`,
      () => `đề nghị giải quyết chế độ, chính sách đối với Cựu TNXP theo Quyết định 40/2011/QĐ-TTg`,
      (c) => `xác nhận quá trình tham gia lực lượng Thanh niên xung phong của ông (bà) ${c.person()}`,
    ],
    sentences: [
      () => `Đề nghị các phường, xã rà soát hội viên từ 80 tuổi trở lên, gửi danh sách về Văn phòng trước ngày 15/12.`,
      (c) => `Sau đợt bão lũ, ${int(c.rng, 5, 120)} gia đình hội viên bị thiệt hại nhà cửa, hoa màu.`,
      () => `Kính đề nghị Thường trực xem xét hỗ trợ kinh phí sửa chữa nhà ở cho hội viên có hoàn cảnh đặc biệt khó khăn.`,
      (c) => `Quỹ Nghĩa tình đồng đội đã vận động được ${int(c.rng, 20, 900)} triệu đồng, hỗ trợ ${int(c.rng, 3, 60)} nhà nghĩa tình.`,
      () => `Hồ sơ đề nghị hưởng chế độ gồm: đơn đề nghị, giấy xác nhận của đơn vị cũ, bản sao giấy tờ tùy thân.`,
      (c) => `Ông (bà) ${c.person()} tham gia lực lượng Thanh niên xung phong từ tháng ${int(c.rng, 1, 12)}/${int(c.rng, 1965, 1975)} đến tháng ${int(c.rng, 1, 12)}/${int(c.rng, 1976, 1985)}.`,
    ],
  },
  {
    field: "Công nghệ thông tin",
    weight: 6,
    abstracts: [
      () => `kết nối thông tin và nhập danh sách hội viên vào phần mềm Kết Nối`,
      (c) => `số hóa hồ sơ hội viên và cập nhật cơ sở dữ liệu hội viên năm ${c.year}`,
      () => `sử dụng phần mềm quản lý văn bản và giao ban trực tuyến trong hệ thống Hội`,
      () => `bảo đảm an toàn thông tin khi kết nối thông tin giữa các cấp hội`,
    ],
    sentences: [
      () => `Mỗi chi hội lập danh sách hội viên theo tệp mẫu, kiểm tra số định danh cá nhân và ngày sinh trước khi nhập.`,
      () => `Kết nối thông tin giữa các cấp hội được thực hiện trên phần mềm, không gửi danh sách qua thư điện tử cá nhân.`,
      () => `Văn bản mật không được đưa lên phần mềm dưới bất kỳ hình thức nào.`,
      (c) => `Mỗi tỉnh, thành hội phân công ít nhất ${int(c.rng, 1, 3)} cán bộ phụ trách dữ liệu, tham gia tập huấn ngày ${int(c.rng, 1, 28)}/${int(c.rng, 1, 12)}/${c.year}.`,
      () => `Tài khoản được cấp theo vai trò; mật khẩu không được chia sẻ, đăng nhập bằng thiết bị của cơ quan.`,
    ],
  },
  {
    field: "Tuyên truyền",
    weight: 10,
    abstracts: [
      (c) => `tăng cường công tác tuyên truyền kỷ niệm ${pick(c.rng, OCCASIONS)}`,
      (c) => `tuyên truyền, phổ biến Nghị quyết Đại hội đại biểu toàn quốc Hội Cựu TNXP Việt Nam lần thứ ${pick(c.rng, ROMAN)}`,
      () => `biên soạn lịch sử truyền thống lực lượng Thanh niên xung phong địa phương`,
    ],
    sentences: [
      () => `Các cấp hội tổ chức các hoạt động tuyên truyền thiết thực, hướng về cơ sở, chú trọng tuyên truyền trên báo chí và mạng xã hội.`,
      () => `Biên soạn tài liệu, sưu tầm hiện vật, hình ảnh về lực lượng Thanh niên xung phong trong các cuộc kháng chiến.`,
      (c) => `Phối hợp với Đài Phát thanh và Truyền hình ${c.province} xây dựng ${int(c.rng, 2, 12)} phóng sự.`,
      () => `Nêu gương người tốt, việc tốt, các tập thể, cá nhân tiêu biểu trong phong trào thi đua yêu nước.`,
    ],
  },
  {
    field: "Thi đua – khen thưởng",
    weight: 12,
    abstracts: [
      (c) => `khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong công tác Hội năm ${c.year}`,
      () => `tặng Kỷ niệm chương “Vì sự nghiệp Thanh niên xung phong”`,
      (c) => `hướng dẫn công tác thi đua, khen thưởng năm ${c.year}`,
    ],
    sentences: [
      (c) => `Tặng Bằng khen cho ${int(c.rng, 3, 40)} tập thể và ${int(c.rng, 5, 120)} cá nhân có thành tích xuất sắc.`,
      () => `Tiêu chuẩn xét khen thưởng thực hiện theo Luật Thi đua, khen thưởng và quy chế của Hội.`,
      (c) => `Hồ sơ đề nghị khen thưởng gửi về Ban Thi đua trước ngày ${int(c.rng, 1, 28)}/${int(c.rng, 1, 12)}/${c.year}.`,
      (c) => `Đồng chí ${c.person()} được tặng Kỷ niệm chương “Vì sự nghiệp Thanh niên xung phong”.`,
    ],
  },
  {
    field: "Tài chính",
    weight: 6,
    abstracts: [
      (c) => `quyết toán kinh phí hoạt động năm ${c.year}`,
      (c) => `thu, nộp hội phí năm ${c.year}`,
      (c) => `dự toán ngân sách năm ${c.year + 1} của ${c.issuerShort}`,
    ],
    sentences: [
      (c) => `Tổng kinh phí được giao: ${int(c.rng, 100, 5000)} triệu đồng; đã thực hiện ${int(c.rng, 60, 100)}%.`,
      (c) => `Mức hội phí: ${pick(c.rng, ["12.000", "24.000", "36.000"])} đồng/hội viên/năm; chi hội giữ lại 70% để hoạt động.`,
      () => `Chứng từ thanh toán phải hợp lệ, đúng quy định của Luật Ngân sách nhà nước.`,
    ],
  },
  {
    field: "Kiểm tra",
    weight: 6,
    abstracts: [
      (c) => `kiểm tra việc thực hiện Điều lệ Hội tại ${c.issuerShort} năm ${c.year}`,
      () => `giải quyết đơn thư, kiến nghị của hội viên`,
    ],
    sentences: [
      (c) => `Đoàn kiểm tra do đồng chí ${c.person()}, Chủ nhiệm Ủy ban Kiểm tra, làm trưởng đoàn.`,
      () => `Nội dung kiểm tra: việc chấp hành Điều lệ, nghị quyết, chỉ thị của Hội; quản lý tài chính, hội phí.`,
      (c) => `Trong năm đã tiếp nhận ${int(c.rng, 0, 25)} đơn thư, giải quyết dứt điểm ${int(c.rng, 0, 25)} đơn.`,
    ],
  },
];
const pickTopic = table<Topic>(TOPICS.map((t) => [t, t.weight]));

/** Sentences any document may hold. */
const COMMON_SENTENCES: Template[] = [
  () => `Căn cứ Điều lệ Hội Cựu Thanh niên xung phong Việt Nam;`,
  (c) => `Căn cứ Chương trình công tác năm ${c.year} của ${c.issuerShort};`,
  () => `Xét đề nghị của Ban Tổ chức – Kiểm tra,`,
  () => `Các cấp hội tập trung kết nối thông tin từ Trung ương đến chi hội, bảo đảm thông suốt, kịp thời.`,
  () => `Đề nghị các đơn vị quan tâm, phối hợp thực hiện và báo cáo kết quả về Thường trực.`,
  (c) => `Trong quá trình thực hiện, nếu có vướng mắc đề nghị liên hệ đồng chí ${c.person()}, điện thoại 0${int(c.rng, 900000000, 989999999)}.`,
  (c) => `Văn phòng ${c.issuerShort} có trách nhiệm theo dõi, tổng hợp, báo cáo kết quả thực hiện.`,
  () => `Văn bản này có hiệu lực kể từ ngày ký.`,
  (c) => `Hội viên ${pick(c.rng, COMMUNE_NAMES)} tích cực tham gia các hoạt động của Hội, giúp nhau phát triển kinh tế gia đình.`,
  (c) => `Năm ${c.year}, ${c.issuerShort} có ${int(c.rng, 200, 25000)} hội viên sinh hoạt tại ${int(c.rng, 5, 400)} chi hội.`,
  () => `Ban Thường vụ đề nghị các đồng chí hội viên phát huy bản chất truyền thống Thanh niên xung phong, giữ gìn đoàn kết.`,
  (c) => `Giao ${pick(c.rng, ["Ban Tổ chức – Kiểm tra", "Ban Chính sách – Xã hội", "Ban Tuyên giáo", "Văn phòng"])} chủ trì, phối hợp với các ban liên quan triển khai thực hiện.`,
];

/** Words few documents hold: the "rare word" searches. Each sentence with its own small chance. */
export const RARE_SENTENCES: { chance: number; text: string }[] = [
  { chance: 0.004, text: "Đoàn đã đến thăm di tích Truông Bồn, nơi 13 chiến sĩ Thanh niên xung phong hy sinh năm 1968." },
  { chance: 0.003, text: "Hội viên từng phục vụ trên tuyến đường Khe Sanh – A Lưới được mời dự buổi gặp mặt." },
  { chance: 0.002, text: "Trưng bày kỷ vật: chiếc bi đông, cây đèn pháo sáng và cuốn nhật ký thời chiến." },
  { chance: 0.001, text: "Tổ chức hành trình thăm cầu Hàm Rồng và bến phà Gianh." },
  { chance: 0.0005, text: "Ghi nhận sáng kiến máy tẽ ngô cải tiến của hội viên ở xã Phình Hồ." },
];

// ---------------------------------------------------------------------------------------------
// records

export interface GeneratedDocument {
  id: string;
  numberSymbol: string;
  typeCode: string;
  issuer: Issuer;
  issuedOn: string;
  abstract: string;
}

/** What the query mix needs from the generated data (without keeping it all). */
export interface Samples {
  /** "374-TB": number and type of HD36 documents, as someone types part of a symbol. */
  numberType: string[];
  /** Full symbols ("52-KH/TWH"). */
  fullSymbols: string[];
  /** Symbols in ND30 style from an outside body ("15/QĐ-BNV"). */
  externalSymbols: string[];
  /** Documents per rare sentence (by its index in RARE_SENTENCES). */
  rareCounts: number[];
  documents: number;
  files: number;
  textWords: number;
  searchTextChars: number;
  /** A handful of generated documents, to check search_text against refreshSearchText. */
  checks: { id: string; searchText: string }[];
}

export const DOCUMENT_COPY_COLUMNS = [
  "id", "version", "unit_id", "number_symbol_raw", "number_symbol", "number", "symbol_flagged", "type_code", "issuer_unit_id", "issuer_external_id",
  "issued_on", "signer", "abstract", "field", "validity", "urgency", "confidentiality", "visibility", "paper_location", "search_text",
  "published_at", "view_count", "created_at", "updated_at",
] as const;

export const FILE_COPY_COLUMNS = [
  "id", "document_id", "sha256", "verification_code", "file_name", "kind", "mime", "size", "pages", "text", "searchable", "download_count", "position", "created_at",
] as const;

/** COPY text format: backslash, tab, newline and carriage return escaped; null as \N. */
function copyValue(value: string | number | boolean | null): string {
  if (value === null) return "\\N";
  if (typeof value !== "string") return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}
const copyLine = (values: (string | number | boolean | null)[]) => values.map(copyValue).join("\t");

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface Chunk {
  documents: string;
  files: string;
  count: number;
}

/**
 * `count` documents in chunks of COPY text for documents and document_files. Issuers are picked
 * among those active on the issue date; numbers run per issuer and year.
 */
export function* generateDocuments(count: number, issuers: Issuer[], today: string, samples: Samples, chunkSize = 2000): Generator<Chunk> {
  const rng = mulberry32(SEED);
  const end = Date.parse(`${today}T00:00:00Z`);
  const start = end - 10 * 365.25 * DAY;
  const byDate = new Map<string, (r: number) => Issuer>();
  const issuersOn = (day: string) => {
    let chooser = byDate.get(day);
    if (!chooser) {
      const active = issuers.filter((i) => (!i.activeFrom || i.activeFrom <= day) && (!i.activeTo || i.activeTo >= day));
      chooser = table<Issuer>(active.map((i) => [i, i.weight]));
      byDate.set(day, chooser);
    }
    return chooser;
  };
  const owners = issuers.filter((i) => i.kind === "unit" && i.level <= 1 && !i.activeTo);
  const numbers = new Map<string, number>();
  const family = table(FAMILY_NAMES);
  const middle = table(MIDDLE_NAMES.male.older);
  const givenMale = table(GIVEN_NAMES.male.older);
  const givenFemale = table(GIVEN_NAMES.female.older);
  const person = () => (rng() < 0.7 ? `${family(rng())} ${middle(rng())} ${givenMale(rng())}` : `${family(rng())} Thị ${givenFemale(rng())}`);
  // Each issuer has a few signers over the years.
  const signers = new Map<string, string[]>();
  const signerOf = (issuer: Issuer) => {
    let list = signers.get(issuer.id);
    if (!list) signers.set(issuer.id, (list = Array.from({ length: 3 }, person)));
    return pick(rng, list);
  };
  const wantNumberType = new Set([1_237, 9_871, 23_459, 41_003, 57_777, 73_211, 88_888, 97_001].map((i) => i % Math.max(1, count)));
  const wantFull = new Set([2_222, 44_444, 66_666, 81_111, 93_333].map((i) => (i * 7) % Math.max(1, count)));
  const createdAt = new Date().toISOString();

  let docs: string[] = [];
  let files: string[] = [];
  for (let i = 0; i < count; i++) {
    // More documents in recent years (r^0.8 leans towards the end of the range).
    const issuedMs = start + Math.floor(Math.pow(rng(), 0.8) * (end - start));
    const issuedOn = isoDay(issuedMs);
    const year = Number(issuedOn.slice(0, 4));
    const issuer = issuersOn(issuedOn)(rng());
    let typeCode = pickType(rng());
    if (issuer.style === "ND30" && typeCode === "QĐi") typeCode = "QyĐ";
    if (issuer.style === "HD36" && typeCode === "PA") typeCode = "KH";
    const type = typeByCode.get(typeCode)!;
    const key = `${issuer.id}:${year}`;
    const number = (numbers.get(key) ?? 0) + 1;
    numbers.set(key, number);
    const numberSymbol = issuer.style === "HD36" ? `${number}-${type.code}/${issuer.symbolCode}` : `${number}/${type.code}-${issuer.symbolCode}`;
    const topic = pickTopic(rng());
    const issuerShort = issuer.name.replace(/ \(trước .*\)$/, "");
    const ctx: Ctx = { rng, year, issuerShort, province: pick(rng, PROVINCE_NAMES), person };
    const subject = pick(rng, topic.abstracts)(ctx);
    const connector = ["CV", "QĐ", "TTr", "CT", "NQ"].includes(type.code) ? " về việc " : type.code === "GM" ? " dự hội nghị về " : type.code === "BB" ? " cuộc họp về " : " ";
    const abstract = `${type.name}${connector}${subject}`.slice(0, 500);
    const signer = signerOf(issuer);
    const id = randomUUID();

    // The file's text as a PDF extraction gives it: heading, body, addressees, signature.
    const [y, m, d] = issuedOn.split("-").map(Number) as [number, number, number];
    const lines: string[] = [
      "HỘI CỰU THANH NIÊN XUNG PHONG VIỆT NAM",
      issuerShort.toUpperCase(),
      `Số: ${numberSymbol}`,
      `${ctx.province}, ngày ${d} tháng ${m} năm ${y}`,
      type.name.toUpperCase(),
      subject.charAt(0).toUpperCase() + subject.slice(1),
    ];
    const targetWords = int(rng, 200, 420);
    let words = lines.join(" ").split(" ").length;
    const pool = [...topic.sentences, ...topic.sentences, ...COMMON_SENTENCES];
    let article = 1;
    while (words < targetWords) {
      let sentence = pick(rng, pool)(ctx);
      if (rng() < 0.25) sentence = `Điều ${article++}. ${sentence}`;
      lines.push(sentence);
      words += sentence.split(" ").length;
    }
    RARE_SENTENCES.forEach((rare, r) => {
      if (rng() < rare.chance) {
        lines.splice(int(rng, 6, lines.length - 1), 0, rare.text);
        samples.rareCounts[r]!++;
      }
    });
    lines.push("Nơi nhận:", "- Như trên;", `- Thường trực ${issuer.level <= 0 ? "Trung ương Hội" : "cấp trên"};`, "- Lưu VP.", "TM. BAN THƯỜNG VỤ", rng() < 0.5 ? "CHỦ TỊCH" : "PHÓ CHỦ TỊCH", signer);
    const mainText = lines.join("\n");
    const fileTexts: { text: string; searchable: boolean; appendix: boolean }[] = [];
    // 3% are scans without text; 10% have an appendix.
    fileTexts.push(rng() < 0.03 ? { text: "", searchable: false, appendix: false } : { text: mainText, searchable: true, appendix: false });
    if (rng() < 0.1) {
      const rows = Array.from({ length: int(rng, 5, 25) }, (_, k) => `${k + 1} ${person()} ${pick(rng, COMMUNE_NAMES)} ${int(rng, 1940, 1960)}`);
      fileTexts.push({ text: ["PHỤ LỤC", `(Kèm theo ${type.name} số ${numberSymbol})`, "STT Họ và tên Địa chỉ Năm sinh", ...rows].join("\n"), searchable: true, appendix: true });
    }

    let owner: Issuer = issuer;
    if (issuer.kind === "external" || issuer.level > 1) owner = issuer.kind === "external" ? pick(rng, owners) : issuer;
    const field = topic.field;
    const searchText = foldVietnamese([numberSymbol, type.code, type.name, abstract, signer, field, issuer.name, ...fileTexts.map((f) => f.text)].join(" ")).replace(/\s+/g, " ");
    const publishedMs = Math.min(Date.now() - 3_600_000, issuedMs + int(rng, 0, 5) * DAY + 2 * 3_600_000);
    const validity = rng() < 0.9 ? "in_force" : "expired";
    docs.push(
      copyLine([
        id, 1, owner.id, numberSymbol, numberSymbol, number, false, type.code,
        issuer.kind === "unit" ? issuer.id : null, issuer.kind === "external" ? issuer.id : null,
        issuedOn, signer, abstract, field, validity, rng() < 0.05 ? "urgent" : "normal", "normal", "public", "", searchText,
        new Date(publishedMs).toISOString(), int(rng, 0, 2000), createdAt, createdAt,
      ]),
    );
    fileTexts.forEach((f, position) => {
      const sha256 = createHash("sha256").update(`kn-bench-document:${id}:${position}`).digest("hex");
      const base = numberSymbol.replace(/\//g, "-");
      files.push(
        copyLine([
          randomUUID(), id, sha256, verificationCode(sha256), f.appendix ? `${base}-phu-luc.pdf` : `${base}.pdf`, "pdf", "application/pdf",
          int(rng, 40_000, 900_000), int(rng, 1, 8), f.text, f.searchable, int(rng, 0, 300), position, createdAt,
        ]),
      );
      samples.files++;
      samples.textWords += f.text ? f.text.split(/\s+/).length : 0;
    });
    samples.documents++;
    samples.searchTextChars += searchText.length;
    if (issuer.style === "HD36" && wantNumberType.has(i)) samples.numberType.push(`${number}-${type.code}`);
    if (wantFull.has(i)) samples.fullSymbols.push(numberSymbol);
    if (issuer.kind === "external" && samples.externalSymbols.length < 2 && i > count / 3) samples.externalSymbols.push(numberSymbol);
    if (samples.checks.length < 20 && i % Math.max(1, Math.floor(count / 20)) === 0) samples.checks.push({ id, searchText });

    if (docs.length === chunkSize) {
      yield { documents: `${docs.join("\n")}\n`, files: `${files.join("\n")}\n`, count: docs.length };
      docs = [];
      files = [];
    }
  }
  if (docs.length > 0) yield { documents: `${docs.join("\n")}\n`, files: `${files.join("\n")}\n`, count: docs.length };
}

export function emptySamples(): Samples {
  return { numberType: [], fullSymbols: [], externalSymbols: [], rareCounts: RARE_SENTENCES.map(() => 0), documents: 0, files: 0, textWords: 0, searchTextChars: 0, checks: [] };
}

// ---------------------------------------------------------------------------------------------
// the query mix

export type QueryKind = "unaccented phrase" | "accented phrase" | "single word" | "number/symbol" | "rare word" | "matches nothing";

/** Forty searches as visitors type them; symbols and rare words come from the generated data. */
export function searchQueries(samples: Samples): { q: string; kind: QueryKind }[] {
  const out: { q: string; kind: QueryKind }[] = [];
  for (const q of ["ket noi thong tin", "ke hoach to chuc", "hoi vien cao tuoi", "thong bao ket luan", "giao ban truc tuyen", "ky niem ngay truyen thong", "chuong trinh ve nguon", "danh sach hoi vien"]) {
    out.push({ q, kind: "unaccented phrase" });
  }
  for (const q of ["kết nối thông tin", "Kế hoạch tổ chức", "hội viên cao tuổi", "Thông báo kết luận", "quỹ nghĩa tình đồng đội", "kỷ niệm Ngày truyền thống", "bão lũ", "số hóa hồ sơ"]) {
    out.push({ q, kind: "accented phrase" });
  }
  for (const q of ["Tết", "khen", "quỹ", "liệt", "hội", "Đại", "lũ", "Trường"]) out.push({ q, kind: "single word" });
  // "374-TB" as someone types part of a symbol, three more such, two full symbols, one ND30 symbol.
  const symbols = new Set(["374-TB", ...samples.numberType.slice(0, 3)]);
  for (const q of samples.fullSymbols) if (symbols.size < 5 && !symbols.has(q)) symbols.add(q);
  for (const q of samples.externalSymbols) if (symbols.size < 6 && !symbols.has(q)) symbols.add(q);
  for (const q of [...samples.numberType, ...samples.fullSymbols]) if (symbols.size < 6) symbols.add(q);
  for (const q of symbols) out.push({ q, kind: "number/symbol" });
  for (const q of ["Truông Bồn", "Khe Sanh", "pháo sáng", "bến phà Gianh", "máy tẽ ngô"]) out.push({ q, kind: "rare word" });
  for (const q of ["blockchain", "pickleball", "metaverse", "NFT-2099/XYZ", "quantum computing"]) out.push({ q, kind: "matches nothing" });
  return out;
}
