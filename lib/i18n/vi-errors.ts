/**
 * The catalogue's error messages, kept apart so that the error pages, which must be client
 * components, carry these dozen lines rather than the whole catalogue onto every public page
 * (it was a fifth of their JavaScript). `messages` in ./vi.ts includes them: `t` reads them as any
 * other key.
 */
export const errorMessages = {
  "error.unauthenticated": "Bạn cần đăng nhập để tiếp tục.",
  "error.forbidden": "Bạn không có quyền thực hiện thao tác này.",
  "error.notFound": "Không tìm thấy nội dung yêu cầu.",
  "error.invalid": "Dữ liệu chưa hợp lệ. Vui lòng kiểm tra các ô được đánh dấu.",
  "error.network": "Không kết nối được với máy chủ. Kiểm tra mạng rồi thử lại.",
  "error.unexpected": "Đã có lỗi ngoài dự kiến. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị viên.",
  "error.submitFailed": "Không gửi được dữ liệu: nội dung quá lớn hoặc mất kết nối. Vui lòng kiểm tra và thử lại.",
  "error.pageTitle": "Đã có lỗi xảy ra",
  "error.retry": "Thử lại",
  "error.notFoundTitle": "Không tìm thấy trang",
  "error.notFoundBody": "Trang bạn tìm không tồn tại hoặc bạn không có quyền xem.",
  "error.backHome": "Về trang chủ",
} as const;
