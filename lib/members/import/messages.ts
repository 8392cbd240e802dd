/**
 * Vietnamese texts of the member import (to be merged into lib/i18n/vi.ts).
 * Keys: import.read.* (the file as a whole), import.header.*, import.problem.* (a cell or row that
 * must be fixed or skipped), import.warning.* (read, but worth a look), import.field.* (column
 * names), import.template.* (the downloadable template).
 */
export const IMPORT_MESSAGES = {
  "import.read.wrongType":
    "Tệp “{name}” không phải bảng tính Excel (.xlsx) hoặc CSV. Nếu đó là tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu, hãy mở bằng Excel và lưu lại dạng “Sổ làm việc Excel (.xlsx)”.",
  "import.read.empty": "Tệp “{name}” trống, không có dữ liệu.",
  "import.read.tooLarge": "Tệp “{name}” quá lớn (tối đa {max} MB). Hãy chia danh sách thành nhiều tệp nhỏ hơn.",
  "import.read.tooManyRows": "Tệp “{name}” có quá nhiều dòng (tối đa {max} dòng). Hãy chia danh sách thành nhiều tệp.",
  "import.read.unreadable": "Không đọc được tệp “{name}”: tệp bị hỏng hoặc chưa tải lên hết. Hãy mở lại bằng Excel, lưu lại rồi tải lên lần nữa.",
  "import.read.encoding":
    "Tệp CSV “{name}” không dùng bảng mã UTF-8 nên tiếng Việt sẽ bị lỗi. Trong Excel, chọn Lưu thành → “CSV UTF-8 (phân cách bằng dấu phẩy)”, hoặc tải lên tệp .xlsx.",
  "import.read.noData": "Tệp “{name}” không có trang tính nào chứa dữ liệu.",

  "import.header.notFound":
    "Không tìm thấy dòng tiêu đề cột (ví dụ “Họ và tên”, “Ngày sinh”). Hãy chọn dòng tiêu đề hoặc dùng tệp mẫu.",
  "import.header.missingColumn": "Chưa có cột nào được gán cho “{field}” (bắt buộc).",
  "import.header.columnLetter": "Cột {letter}",
  "import.header.subColumn": "{parent} – {sub}",

  "import.problem.required": "Thiếu {field}.",
  "import.problem.dateFormat": "Không hiểu ngày “{text}”. Hãy ghi dạng dd/mm/yyyy, ví dụ 15/03/2001.",
  "import.problem.impossibleDate": "Ngày “{text}” không có thật trên lịch.",
  "import.problem.futureDate": "{field} {date} ở sau ngày hôm nay.",
  "import.problem.dateTooOld": "{field} {date} trước năm 1900, có lẽ ghi nhầm.",
  "import.problem.beforeBirth": "{field} {date} trước ngày sinh.",
  "import.problem.ageOutOfRange": "Tuổi {age} nằm ngoài khoảng {min}–{max} tuổi theo quy định.",
  "import.problem.genderFormat": "Không hiểu giới tính “{text}”. Hãy ghi “Nam” hoặc “Nữ”.",
  "import.problem.genderConflict": "Dòng này ghi cả Nam lẫn Nữ; hãy giữ lại một.",
  "import.problem.idLength":
    "Số CCCD/CMND “{text}” có {length} chữ số; CCCD phải có 12 chữ số, CMND cũ có 9 chữ số.",
  "import.problem.idFormat":
    "Số CCCD/CMND “{text}” không hợp lệ: chỉ gồm chữ số; với CCCD, 3 số đầu là mã tỉnh từ 001 đến 096.",
  "import.problem.idScientific":
    "Số CCCD “{text}” đã bị Excel đổi sang dạng số mũ nên mất chữ số. Hãy định dạng cột là Văn bản (Text) và nhập lại.",
  "import.problem.idBirthYear": "Số CCCD ghi năm sinh {idYear} (chữ số thứ 4–6), khác năm sinh đã ghi ({year}).",
  "import.problem.phoneFormat": "Số điện thoại “{text}” không hợp lệ: cần 10 chữ số, bắt đầu bằng 0 (hoặc +84).",
  "import.problem.emailFormat": "Địa chỉ e-mail “{text}” không đúng.",
  "import.problem.unknownEthnicity": "Dân tộc “{text}” không có trong danh mục 54 dân tộc.",
  "import.problem.unknownReligion": "Tôn giáo “{text}” không có trong danh mục.",
  "import.problem.unknownEducation": "Trình độ “{text}” không có trong danh mục ({choices}).",
  "import.problem.tooLong": "{field} dài quá {max} ký tự.",
  "import.problem.nameFormat": "Họ và tên “{text}” có chữ số hoặc ký tự lạ.",
  "import.problem.formula": "Ô {cell} là công thức chưa có kết quả; hãy mở tệp bằng Excel, lưu lại rồi tải lên, hoặc ghi giá trị thay cho công thức.",
  "import.problem.cellError": "Ô {cell} bị lỗi ({text}).",
  "import.problem.duplicateInFile": "Trùng với dòng {row} trong tệp ({by}).",
  "import.problem.duplicateById": "cùng số CCCD/CMND",
  "import.problem.duplicateByNameAndBirthDate": "cùng họ tên và ngày sinh",

  "import.warning.yearOnly": "{field} chỉ có năm ({year}).",
  "import.warning.twoDigitYear": "Năm “{text}” ghi 2 chữ số, được hiểu là năm {year}.",
  "import.warning.idLeadingZeroRestored": "Số CCCD/CMND bị mất số 0 ở đầu, đã thêm lại: {value}.",
  "import.warning.phoneLeadingZeroRestored": "Số điện thoại bị mất số 0 ở đầu, đã thêm lại: {value}.",
  "import.warning.idGenderMismatch": "Giới tính theo số CCCD khác giới tính đã ghi.",

  "import.field.fullName": "Họ và tên",
  "import.field.birthDate": "Ngày sinh",
  "import.field.gender": "Giới tính",
  "import.field.ethnicity": "Dân tộc",
  "import.field.religion": "Tôn giáo",
  "import.field.nationalId": "Số CCCD",
  "import.field.hometown": "Quê quán",
  "import.field.currentAddress": "Nơi ở hiện nay",
  "import.field.phone": "Số điện thoại",
  "import.field.email": "Email",
  "import.field.education": "Trình độ văn hóa",
  "import.field.qualification": "Trình độ chuyên môn",
  "import.field.occupation": "Nghề nghiệp",
  "import.field.joinedOn": "Ngày kết nạp",
  "import.field.partyJoinedOn": "Ngày vào Đảng",
  "import.field.unitCode": "Mã đơn vị",

  "import.template.sheetList": "Danh sách",
  "import.template.sheetCatalogues": "Danh mục",
  "import.template.sheetGuide": "Hướng dẫn",
  "import.template.title": "DANH SÁCH {memberTerm}",
  "import.template.subtitle": "{orgName}",
  "import.template.indexHeader": "STT",
  "import.template.requiredMark": "(*)",
  "import.template.catalogue.gender": "Giới tính",
  "import.template.catalogue.ethnicity": "Dân tộc",
  "import.template.catalogue.religion": "Tôn giáo",
  "import.template.catalogue.education": "Trình độ văn hóa",
  "import.template.catalogue.unitCode": "Mã đơn vị",
  "import.template.catalogue.unitName": "Tên đơn vị",
  "import.template.male": "Nam",
  "import.template.female": "Nữ",
  "import.template.listError": "Hãy chọn một giá trị trong danh sách.",
  "import.template.listErrorTitle": "Giá trị không có trong danh sách",
  "import.template.guide.title": "HƯỚNG DẪN ĐIỀN DANH SÁCH {memberTerm}",
  "import.template.guide.intro":
    "Mỗi dòng trên trang “Danh sách” là một {memberTerm}. Không sửa, không xóa dòng tiêu đề cột. Cột có dấu (*) là bắt buộc. Có thể bỏ trống cột STT.",
  "import.template.guide.columnHeader": "Cột",
  "import.template.guide.howHeader": "Cách ghi",
  "import.template.guide.fullName": "Họ, chữ đệm và tên, viết hoa chữ cái đầu, có dấu. Ví dụ: Nguyễn Thị Hương.",
  "import.template.guide.birthDate":
    "Ngày/tháng/năm, ví dụ 15/03/2001. Cũng nhận 15-03-2001, 15.03.2001, 2001-03-15 và 1/3/01 (năm 2 chữ số: 00 đến {pivot} là 20xx, còn lại là 19xx). Nếu chỉ biết năm sinh, ghi năm (ví dụ 2001).",
  "import.template.guide.gender": "Chọn Nam hoặc Nữ trong danh sách.",
  "import.template.guide.ethnicity": "Chọn trong danh sách 54 dân tộc (trang “Danh mục”).",
  "import.template.guide.religion": "Chọn trong danh sách; không theo tôn giáo thì chọn “Không”.",
  "import.template.guide.nationalId":
    "Số căn cước/CCCD gồm 12 chữ số (3 số đầu là mã tỉnh nơi đăng ký khai sinh, 001–096), hoặc số CMND cũ 9 chữ số. Giữ nguyên số 0 ở đầu; cột đã được định dạng Văn bản. Có thể bỏ trống.",
  "import.template.guide.hometown": "Xã/phường, tỉnh/thành phố.",
  "import.template.guide.currentAddress": "Số nhà, đường/thôn, xã/phường, tỉnh/thành phố.",
  "import.template.guide.phone": "10 chữ số, bắt đầu bằng 0 (ví dụ 0912345678); cũng nhận +84912345678.",
  "import.template.guide.email": "Ví dụ: ten@example.com.",
  "import.template.guide.education": "Chọn trong danh sách (ví dụ 12/12, Đại học).",
  "import.template.guide.qualification": "Ví dụ: Cử nhân Kinh tế, Kỹ sư Xây dựng.",
  "import.template.guide.occupation": "Ví dụ: Học sinh, Sinh viên, Công nhân, Nông dân.",
  "import.template.guide.joinedOn": "Ngày/tháng/năm vào {organisation}, ví dụ 26/03/2017.",
  "import.template.guide.partyJoinedOn": "Ngày/tháng/năm vào Đảng, nếu có.",
  "import.template.guide.unitCode": "Chọn mã đơn vị trong danh sách (trang “Danh mục” có tên từng đơn vị).",
  "import.template.guide.dates":
    "Ngày tháng: nên ghi dd/mm/yyyy. Ô ngày tháng đã định dạng sẵn; nếu Excel tự đổi sang dạng khác, vẫn được chấp nhận.",
  "import.template.guide.ids":
    "Số CCCD: nếu Excel hiện dạng 1,23457E+11 là đã mất chữ số — hãy định dạng ô là Văn bản (Text) và nhập lại.",
  "import.template.guide.duplicates":
    "Không ghi một người hai lần. Khi tải lên, hệ thống báo các dòng trùng số CCCD hoặc trùng họ tên và ngày sinh.",
} as const;

export type ImportMessageKey = keyof typeof IMPORT_MESSAGES;

/** The text for one key, with {placeholders} filled in; unknown placeholders are left as they are. */
export function importMessage(key: ImportMessageKey, values?: Record<string, string | number>): string {
  const template: string = IMPORT_MESSAGES[key];
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match,
  );
}
