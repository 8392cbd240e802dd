/** The 54 ethnic groups of Viet Nam, in the official order (Kinh first). */
export const ETHNICITIES = [
  "Kinh", "Tày", "Thái", "Mường", "Khơ Me", "Hoa", "Nùng", "H'Mông", "Dao", "Gia Rai", "Ê Đê", "Ba Na",
  "Sán Chay", "Chăm", "Cơ Ho", "Xơ Đăng", "Sán Dìu", "Hrê", "Ra Glai", "Mnông", "Thổ", "Stiêng", "Khơ mú",
  "Bru - Vân Kiều", "Cơ Tu", "Giáy", "Tà Ôi", "Mạ", "Giẻ-Triêng", "Co", "Chơ Ro", "Xinh Mun", "Hà Nhì",
  "Chu Ru", "Lào", "La Chí", "Kháng", "Phù Lá", "La Hủ", "La Ha", "Pà Thẻn", "Lự", "Ngái", "Chứt", "Lô Lô",
  "Mảng", "Cơ Lao", "Bố Y", "Cống", "Si La", "Pu Péo", "Rơ Măm", "Brâu", "Ơ Đu",
] as const;

/** Religions recognised in Viet Nam, plus "none". */
export const RELIGIONS = [
  "Không", "Phật giáo", "Công giáo", "Tin Lành", "Cao Đài", "Phật giáo Hòa Hảo", "Hồi giáo",
  "Bà La Môn", "Tứ Ân Hiếu Nghĩa", "Bửu Sơn Kỳ Hương", "Minh Sư đạo", "Minh Lý đạo", "Baha'i", "Khác",
] as const;

/** General education, as forms write it. */
export const EDUCATION_LEVELS = ["9/12", "12/12", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ"] as const;
