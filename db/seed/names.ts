/**
 * Parts of generated Vietnamese names for the demo members. Combined at random, the names are
 * plausible but belong to nobody in particular. Weights are relative (they need not sum to 100).
 */

/** A choice and its relative weight. */
export type Weighted<T> = readonly (readonly [T, number])[];

/** Family names of the Kinh majority, roughly as frequent as in the population (Nguyễn ~38%). */
export const FAMILY_NAMES: Weighted<string> = [
  ["Nguyễn", 38],
  ["Trần", 11],
  ["Lê", 9.5],
  ["Phạm", 7],
  ["Hoàng", 4],
  ["Huỳnh", 1.5],
  ["Phan", 4.5],
  ["Vũ", 2.5],
  ["Võ", 1.5],
  ["Đặng", 2.1],
  ["Bùi", 2],
  ["Đỗ", 1.4],
  ["Hồ", 1.3],
  ["Ngô", 1.3],
  ["Dương", 1],
  ["Trương", 0.8],
  ["Đinh", 0.7],
  ["Lý", 0.5],
  ["Đào", 0.5],
  ["Đoàn", 0.5],
  ["Trịnh", 0.5],
  ["Mai", 0.4],
  ["Cao", 0.4],
  ["Lương", 0.4],
  ["Lâm", 0.3],
  ["Hà", 0.3],
  ["Tạ", 0.2],
  ["Phùng", 0.2],
  ["Lưu", 0.2],
  ["Kiều", 0.1],
  ["Tô", 0.1],
  ["Quách", 0.1],
];

/** In the South "Hoàng" is usually "Huỳnh" and "Vũ" usually "Võ". */
export const SOUTHERN_FAMILY_NAMES: Weighted<string> = FAMILY_NAMES.map(([name, weight]) => {
  if (name === "Hoàng") return [name, 1] as const;
  if (name === "Huỳnh") return [name, 4.5] as const;
  if (name === "Vũ") return [name, 1] as const;
  if (name === "Võ") return [name, 3] as const;
  return [name, weight] as const;
});

/** Family names common among the Tày, Nùng, Dao, Mường, Sán Chay and H'Mông of the northern uplands. */
export const MINORITY_FAMILY_NAMES: Record<string, Weighted<string>> = {
  "Tày": [["Hoàng", 5], ["Nông", 4], ["Ma", 3], ["Lục", 1], ["Triệu", 2], ["Hà", 2], ["Lương", 1], ["Nguyễn", 3], ["Âu", 1]],
  "Nùng": [["Hoàng", 4], ["Nông", 4], ["Lương", 2], ["Vi", 2], ["Lăng", 1], ["Mông", 1], ["Chu", 1]],
  "Dao": [["Triệu", 6], ["Bàn", 4], ["Lý", 3], ["Đặng", 3], ["Phùng", 2], ["Chảo", 1]],
  "H'Mông": [["Giàng", 5], ["Sùng", 4], ["Vàng", 4], ["Thào", 3], ["Lò", 2], ["Mua", 2], ["Hầu", 1], ["Lầu", 1]],
  "Mường": [["Bùi", 5], ["Đinh", 4], ["Quách", 2], ["Hà", 2], ["Xa", 1]],
  "Sán Chay": [["Hoàng", 3], ["Lâm", 2], ["Lý", 2], ["La", 1], ["Trần", 1]],
  "Hoa": [["Lý", 3], ["Trương", 3], ["Lâm", 3], ["Quách", 2], ["Hứa", 2], ["Mạc", 1], ["Tăng", 1]],
  "Khơ Me": [["Thạch", 5], ["Sơn", 4], ["Kim", 3], ["Danh", 2], ["Lâm", 1]],
  "Chăm": [["Từ", 2], ["Mã", 2], ["Thành", 1], ["Đàng", 1]],
};

/** Middle names by generation: older members have the traditional Văn and Thị far more often. */
export const MIDDLE_NAMES = {
  male: {
    older: [["Văn", 55], ["Hữu", 7], ["Đức", 7], ["Minh", 5], ["Quốc", 3], ["Đình", 6], ["Công", 5], ["Xuân", 4], ["Ngọc", 3], ["Quang", 3], ["Trọng", 2], ["Thanh", 3]],
    younger: [["Văn", 20], ["Minh", 12], ["Đức", 10], ["Quốc", 8], ["Hữu", 6], ["Hoàng", 6], ["Anh", 5], ["Tuấn", 5], ["Thành", 5], ["Gia", 4], ["Công", 4], ["Quang", 5], ["Trung", 4], ["Nhật", 3]],
  },
  female: {
    older: [["Thị", 80], ["Ngọc", 4], ["Thu", 4], ["Thanh", 4], ["Kim", 3], ["Hồng", 2], ["Bích", 2], ["Minh", 1]],
    younger: [["Thị", 35], ["Ngọc", 10], ["Thu", 8], ["Thanh", 7], ["Kim", 4], ["Phương", 6], ["Minh", 6], ["Hồng", 4], ["Khánh", 4], ["Bảo", 4], ["Diệu", 3], ["Mai", 3], ["Thùy", 4]],
  },
} as const satisfies Record<"male" | "female", Record<"older" | "younger", Weighted<string>>>;

/** A second middle name some women have ("Nguyễn Thị Thu Hương"). */
export const FEMALE_SECOND_MIDDLE_NAMES: Weighted<string> = [["Thu", 4], ["Minh", 3], ["Thanh", 3], ["Ngọc", 3], ["Kim", 2], ["Hồng", 2], ["Bích", 1], ["Diệu", 1]];

export const GIVEN_NAMES = {
  male: {
    older: [
      ["Hùng", 5], ["Dũng", 5], ["Tuấn", 4], ["Minh", 4], ["Nam", 4], ["Hải", 4], ["Sơn", 4], ["Thắng", 4], ["Long", 3],
      ["Cường", 4], ["Bình", 4], ["Hòa", 3], ["Quang", 3], ["Thành", 4], ["Trung", 3], ["Phong", 2], ["Khánh", 2],
      ["Tâm", 2], ["Hiếu", 2], ["Tùng", 2], ["Đức", 3], ["Lâm", 2], ["Hưng", 3], ["Việt", 2], ["Toàn", 2], ["Thịnh", 2],
      ["Phúc", 2], ["Lợi", 2], ["Tiến", 3], ["Chiến", 3], ["Kiên", 2], ["Lực", 2], ["Vinh", 3], ["Hậu", 1], ["Quý", 2],
      ["Thanh", 2], ["Thuận", 2], ["Trường", 2], ["Xuân", 1], ["Hiển", 1], ["Bảo", 1], ["Tài", 2], ["Lộc", 2], ["Định", 1],
      ["Giang", 1], ["Ninh", 1], ["Sáu", 1], ["Tư", 1], ["Hạnh", 1], ["Nghĩa", 2], ["Thái", 2], ["Đông", 1], ["Đạo", 1],
    ],
    younger: [
      ["Huy", 5], ["Hoàng", 4], ["Khoa", 3], ["Phát", 3], ["Bảo", 3], ["Kiệt", 2], ["Duy", 4], ["Đạt", 4], ["Khải", 2],
      ["Nhật", 2], ["Minh", 5], ["Anh", 4], ["Tuấn", 3], ["Long", 3], ["Nam", 3], ["Quân", 4], ["Hiếu", 3], ["Thắng", 2],
      ["Tùng", 3], ["Sơn", 2], ["Phúc", 3], ["Trí", 2], ["Lâm", 2], ["Khang", 3], ["Vinh", 2], ["Thịnh", 2], ["Tân", 2],
      ["Dương", 2], ["Hải", 2], ["Việt", 2],
    ],
  },
  female: {
    older: [
      ["Lan", 5], ["Hương", 5], ["Hoa", 4], ["Hồng", 4], ["Mai", 4], ["Nga", 4], ["Hà", 3], ["Thủy", 4], ["Hạnh", 4],
      ["Liên", 3], ["Loan", 3], ["Nhung", 3], ["Phượng", 3], ["Tuyết", 3], ["Xuân", 2], ["Yến", 3], ["Cúc", 2], ["Đào", 2],
      ["Huệ", 3], ["Lý", 2], ["Oanh", 2], ["Sen", 2], ["Thơm", 2], ["Tâm", 2], ["Vân", 3], ["Hiền", 3], ["Hằng", 3],
      ["Thu", 3], ["Nguyệt", 2], ["Bình", 2], ["Dung", 3], ["Thảo", 2], ["Thoa", 2], ["Tình", 1], ["Lụa", 1], ["Mận", 1],
      ["Hậu", 1], ["Lành", 1], ["Gấm", 1], ["Chung", 1], ["Minh", 1], ["Phương", 2], ["Quyên", 1], ["Thắm", 2], ["Nhàn", 2],
    ],
    younger: [
      ["Linh", 6], ["Trang", 5], ["Ngọc", 3], ["Anh", 5], ["Vy", 3], ["Nhi", 3], ["Huyền", 4], ["Thảo", 4], ["Quỳnh", 3],
      ["Phương", 3], ["Hà", 3], ["Giang", 3], ["My", 2], ["Trâm", 2], ["Ngân", 3], ["Uyên", 2], ["Hân", 2], ["Hương", 3],
      ["Mai", 2], ["Lan", 2], ["Yến", 2], ["Nhung", 2], ["Dung", 2], ["Hạnh", 2], ["Châu", 2], ["Diệp", 1], ["Tiên", 2],
    ],
  },
} as const satisfies Record<"male" | "female", Record<"older" | "younger", Weighted<string>>>;

/** H'Mông names follow their own pattern ("Giàng Seo Pao", "Vàng Thị Mỷ"). */
export const HMONG_NAMES = {
  maleMiddle: [["Seo", 4], ["Mí", 4], ["A", 3], ["Văn", 3], ["Chứ", 2]],
  maleGiven: [["Pao", 3], ["Sính", 3], ["Chứ", 2], ["Dế", 2], ["Súa", 2], ["Lử", 2], ["Dính", 2], ["Tủa", 1], ["Chơ", 1], ["Nhà", 1]],
  femaleGiven: [["Mỷ", 3], ["Sua", 2], ["Dợ", 2], ["Chi", 2], ["Mai", 2], ["Dung", 1], ["Say", 1], ["Pà", 1], ["Của", 1], ["Súa", 1]],
} as const satisfies Record<string, Weighted<string>>;
