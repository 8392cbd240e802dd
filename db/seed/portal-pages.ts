import { orgSettings, portalPages, type PortalPageKey } from "@/db/schema";
import type { Db } from "@/lib/db/types";
import { sanitizeRichText } from "@/lib/portal/sanitize";

/**
 * The organisation's four pages for the demo: short, generic text about a veterans' association
 * of former youth volunteers. The leaders' names are generated like the rest of the demo's people
 * (the same as the signers of the demo documents); every page says it is sample content.
 */

const SAMPLE_NOTE = "<p><em>Nội dung mẫu của bản trình diễn Kết Nối; tên người là tên tạo ngẫu nhiên.</em></p>";

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function pages(contact: { orgName: string; address: string; phone: string; email: string }): { key: PortalPageKey; title: string; body: string }[] {
  const org = escapeHtml(contact.orgName);
  return [
    {
      key: "gioi-thieu",
      title: `Giới thiệu ${contact.orgName}`,
      body: `<p><strong>${org}</strong> là tổ chức xã hội của những người từng tham gia lực lượng Thanh niên xung phong, hoạt động theo Điều lệ Hội, tự nguyện và tự quản.</p>
<h2>Tôn chỉ, mục đích</h2>
<p>Hội tập hợp, đoàn kết hội viên; giữ gìn và phát huy truyền thống của lực lượng Thanh niên xung phong; chăm lo đời sống vật chất, tinh thần của hội viên; tham gia xây dựng và bảo vệ Tổ quốc.</p>
<h2>Nhiệm vụ chính</h2>
<ul><li><p>Tuyên truyền, giáo dục truyền thống cho hội viên và thế hệ trẻ.</p></li><li><p>Thăm hỏi, giúp đỡ hội viên khó khăn, ốm đau; tham gia chính sách đối với người có công.</p></li><li><p>Vận động hội viên tham gia phát triển kinh tế, xây dựng nông thôn mới và đô thị văn minh.</p></li><li><p>Xây dựng tổ chức Hội vững mạnh từ Trung ương đến chi hội.</p></li></ul>
<h2>Hệ thống tổ chức</h2>
<p>Hội được tổ chức theo bốn cấp: Trung ương Hội, Hội cấp tỉnh/thành phố, Hội cơ sở và chi hội. Danh sách các đơn vị đang hoạt động có tại trang <a href="/to-chuc">Hệ thống tổ chức</a>.</p>
${SAMPLE_NOTE}`,
    },
    {
      key: "lich-su-truyen-thong",
      title: "Lịch sử, truyền thống",
      body: `<p>Ngày 15 tháng 7 năm 1950 được lấy làm Ngày truyền thống của lực lượng Thanh niên xung phong Việt Nam.</p>
<h2>Trong kháng chiến</h2>
<p>Các thế hệ thanh niên xung phong đã mở đường, vận chuyển hàng hóa, bảo đảm giao thông và phục vụ chiến đấu trên khắp các chiến trường, góp phần vào thắng lợi chung của dân tộc.</p>
<h2>Trong xây dựng đất nước</h2>
<p>Sau ngày đất nước thống nhất, lực lượng thanh niên xung phong tiếp tục tham gia khai hoang, xây dựng vùng kinh tế mới và các công trình trọng điểm.</p>
<h2>Thành lập Hội</h2>
<p>Những người từng là thanh niên xung phong đã lập nên Hội ở các địa phương rồi trong cả nước, để cùng giữ gìn truyền thống và chăm lo cho nhau.</p>
<blockquote><p>Truyền thống được giữ gìn qua từng chi hội, từng hội viên.</p></blockquote>
${SAMPLE_NOTE}`,
    },
    {
      key: "lanh-dao",
      title: "Lãnh đạo Trung ương Hội",
      body: `<p>Thường trực Trung ương Hội nhiệm kỳ hiện tại:</p>
<table><thead><tr><th>Chức vụ</th><th>Họ và tên</th></tr></thead><tbody><tr><td>Chủ tịch</td><td>Phạm Minh Tâm</td></tr><tr><td>Phó Chủ tịch Thường trực</td><td>Trần Văn Hùng</td></tr><tr><td>Phó Chủ tịch</td><td>Đinh Thị Mai</td></tr><tr><td>Phó Chủ tịch</td><td>Lương Quốc Khánh</td></tr></tbody></table>
<h2>Các ban giúp việc</h2>
<ul><li><p>Văn phòng Trung ương Hội</p></li><li><p>Ban Tổ chức – Kiểm tra</p></li><li><p>Ban Tuyên giáo</p></li><li><p>Ban Chính sách – Xã hội</p></li></ul>
${SAMPLE_NOTE}`,
    },
    {
      key: "lien-he",
      title: "Liên hệ",
      body: `<p><strong>Văn phòng ${org}</strong></p>
<ul><li><p>Địa chỉ: ${escapeHtml(contact.address)}</p></li><li><p>Điện thoại: ${escapeHtml(contact.phone)}</p></li><li><p>E-mail: <a href="mailto:${escapeHtml(contact.email)}">${escapeHtml(contact.email)}</a></p></li></ul>
<p>Văn phòng làm việc từ thứ Hai đến thứ Sáu, sáng từ 8 giờ đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ.</p>
<p>Hội viên liên hệ trước hết với chi hội hoặc Hội cơ sở nơi mình sinh hoạt; địa chỉ các đơn vị có tại trang <a href="/to-chuc">Hệ thống tổ chức</a>.</p>
${SAMPLE_NOTE}`,
    },
  ];
}

/**
 * Writes the four pages, sanitised as the editor's saves are. A page already written (by an
 * editor, or by an earlier seed) is left as it is, so running the seed again changes nothing.
 */
export async function seedPortalPages(db: Db): Promise<void> {
  const [settings] = await db.select().from(orgSettings).limit(1);
  if (!settings) return;
  const rows = pages(settings).map((p) => ({ key: p.key, title: p.title, bodyHtml: sanitizeRichText(p.body.replace(/\n/g, "")) }));
  await db.insert(portalPages).values(rows).onConflictDoNothing();
}
