/**
 * The fields of a member record that data entry and import know about, with the header wordings
 * real spreadsheets use for them (compared with diacritics folded, case and spacing ignored).
 */
export const MEMBER_FIELDS = [
  { key: "fullName", required: true, headers: ["họ và tên", "họ tên", "tên đoàn viên", "tên hội viên", "họ và tên đoàn viên", "họ và tên hội viên", "ho ten"] },
  { key: "birthDate", required: true, headers: ["ngày sinh", "ngày tháng năm sinh", "ngày, tháng, năm sinh", "năm sinh", "sinh ngày"] },
  { key: "gender", required: false, headers: ["giới tính", "nam/nữ", "nam nữ", "phái"] },
  { key: "ethnicity", required: false, headers: ["dân tộc"] },
  { key: "religion", required: false, headers: ["tôn giáo"] },
  { key: "nationalId", required: false, headers: ["số cccd", "cccd", "căn cước công dân", "số căn cước", "số định danh", "cmnd", "số cmnd", "cmnd/cccd", "số cmnd/cccd"] },
  { key: "hometown", required: false, headers: ["quê quán", "nguyên quán"] },
  { key: "currentAddress", required: false, headers: ["nơi ở hiện nay", "địa chỉ", "chỗ ở hiện nay", "nơi cư trú", "địa chỉ thường trú"] },
  { key: "phone", required: false, headers: ["số điện thoại", "điện thoại", "sđt", "sdt", "di động"] },
  { key: "email", required: false, headers: ["email", "e-mail", "thư điện tử"] },
  { key: "education", required: false, headers: ["trình độ văn hóa", "văn hóa", "học vấn", "trình độ học vấn"] },
  { key: "qualification", required: false, headers: ["chuyên môn", "trình độ chuyên môn", "chuyên môn nghiệp vụ"] },
  { key: "occupation", required: false, headers: ["nghề nghiệp", "công việc", "nghề nghiệp hiện nay"] },
  { key: "joinedOn", required: false, headers: ["ngày vào đoàn", "ngày vào hội", "ngày kết nạp", "ngày gia nhập"] },
  { key: "partyJoinedOn", required: false, headers: ["ngày vào đảng", "ngày kết nạp đảng"] },
  { key: "unitCode", required: false, headers: ["mã đơn vị", "mã chi hội", "mã chi đoàn"] },
] as const;

export type MemberFieldKey = (typeof MEMBER_FIELDS)[number]["key"];
