import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "KetNoi@Demo2026";

export const DEMO_ACCOUNTS = [
  { username: "admin", role: "Quản trị viên", name: "Nguyễn Quản Trị" },
  { username: "lanhdao", role: "Lãnh đạo", name: "Trần Lãnh Đạo" },
  { username: "vanthu", role: "Văn thư", name: "Lê Thị Văn Thư" },
  { username: "bientap", role: "Biên tập viên", name: "Phạm Biên Tập" },
  { username: "hanoi.canbo", role: "Cán bộ", name: "Hoàng Văn Cán Bộ" },
  { username: "hanoi.quantri", role: "Quản trị viên", name: "Vũ Thị Quản Trị" },
  { username: "hanoi.ctv", role: "Cộng tác viên", name: "Đặng Cộng Tác" },
  { username: "tuyenquang.canbo", role: "Cán bộ", name: "Bùi Thị Cán Bộ" },
  { username: "hoivien", role: "Hội viên", name: "Đỗ Văn Hội Viên" },
] as const;

export const authFile = (username: string) => `playwright/.auth/${username}.json`;

/** Signs in through the sign-in form, as a person would. */
export async function signInWithForm(page: Page, login: string, password: string) {
  await page.goto("/dang-nhap");
  await page.getByLabel("Tên đăng nhập hoặc e-mail").fill(login);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/** Signs in through next-auth's API (for setup), keeping the cookies in the request context. */
export async function signInWithApi(request: APIRequestContext, login: string, password: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, login, password, json: "true" },
  });
  expect(response.ok()).toBeTruthy();
  const session = (await (await request.get("/api/auth/session")).json()) as { userId?: string };
  expect(session.userId, `sign-in of ${login}`).toBeTruthy();
}
