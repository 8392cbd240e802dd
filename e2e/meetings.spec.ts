import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, signInWithApi } from "./helpers";

/** A short mark that makes this run's names and titles unique. */
const stampOf = () => `${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`;

/** The Jitsi server online rooms live on (lib/env.ts), with the slash before a room's name. */
const JITSI_BASE = `${(process.env.JITSI_BASE_URL ?? "https://meet.jit.si").replace(/\/+$/, "")}/`;

/**
 * A fresh session of its own: the stored ones of e2e/auth.setup.ts can be ended by the specs that
 * run before (admin.spec.ts locks and unlocks accounts, which ends their sessions).
 */
async function signedIn(browser: Browser, username: string) {
  const context = await browser.newContext();
  await signInWithApi(context.request, username, DEMO_PASSWORD);
  const page = await context.newPage();
  return { context, page };
}

const DAY_MS = 86_400_000;

/** Today in Vietnam (yyyy-MM-dd), its weekday (0 = Sunday) and the minutes past midnight. */
function vietnamNow(now = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return { day, weekday: new Date(`${day}T12:00:00Z`).getUTCDay(), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

const addDays = (day: string, n: number) => new Date(new Date(`${day}T12:00:00Z`).getTime() + n * DAY_MS).toISOString().slice(0, 10);
/** yyyy-MM-dd → dd/MM/yyyy, as the forms and the calendar's address take a day. */
const vnDay = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** Chooses the option of a select whose text contains `text` (labels carry unit names and kinds). */
async function chooseOption(page: Page, select: ReturnType<Page["getByLabel"]>, text: string) {
  const value = await select.locator("option").filter({ hasText: text }).first().getAttribute("value");
  expect(value, `option ${text}`).toBeTruthy();
  await select.selectOption(value!);
}

test("a clerk creates the Monday series with an online room, a participant sees next Monday 09:00 and its link in the calendar, a room is booked and a second booking of the slot is refused with free alternatives", async ({ browser }) => {
  const stamp = stampOf();
  const onlineRoom = `Phòng trực tuyến ${stamp}`;
  const physicalRoom = `Phòng họp tầng 3 ${stamp}`;
  const seriesTitle = `Giao ban đầu tuần ${stamp}`;
  const firstBooking = `Họp chi bộ ${stamp}`;
  const secondBooking = `Tập huấn nghiệp vụ ${stamp}`;

  // The form starts from the coming Monday (today when it is Monday); the first meeting is the
  // first Monday whose 09:00 is still ahead (a margin so that it is not passing while the test runs).
  const now = vietnamNow();
  const prefilledMonday = addDays(now.day, (8 - now.weekday) % 7);
  const monday = now.weekday === 1 && now.minutes >= 8 * 60 + 30 ? addDays(now.day, 7) : prefilledMonday;
  const tuesday = addDays(monday, 1);

  const clerk = await signedIn(browser, "vanthu");
  const page = clerk.page;

  // (1) The clerk adds an online room and a physical room.
  await page.goto("/lam-viec/phong-hop/quan-ly");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Quản lý phòng họp");
  const roomForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Thêm phòng họp", exact: true }) });
  await roomForm.getByLabel("Loại phòng", { exact: true }).selectOption("online");
  await expect(roomForm.getByLabel("Địa điểm", { exact: true })).toHaveCount(0);
  await roomForm.getByLabel("Tên phòng", { exact: true }).fill(onlineRoom);
  await roomForm.getByLabel("Tự động duyệt yêu cầu đặt phòng").check();
  await roomForm.getByRole("button", { name: "Thêm phòng họp", exact: true }).click();
  const onlineItem = page.getByTestId("room").filter({ has: page.getByRole("heading", { name: onlineRoom, exact: true }) });
  await expect(onlineItem).toContainText("Phòng họp trực tuyến (Jitsi Meet)");
  const onlineLink = await onlineItem.getByRole("link", { name: JITSI_BASE }).getAttribute("href");
  expect(onlineLink).toMatch(new RegExp(`^${JITSI_BASE.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\S+$`));

  await expect(roomForm.getByLabel("Tên phòng", { exact: true })).toHaveValue("");
  await roomForm.getByLabel("Loại phòng", { exact: true }).selectOption("physical");
  await roomForm.getByLabel("Tên phòng", { exact: true }).fill(physicalRoom);
  await roomForm.getByLabel("Địa điểm", { exact: true }).fill("Tầng 3, trụ sở Trung ương");
  await roomForm.getByLabel("Sức chứa (người)", { exact: true }).fill("30");
  await roomForm.getByLabel("Tự động duyệt yêu cầu đặt phòng").check();
  await roomForm.getByRole("button", { name: "Thêm phòng họp", exact: true }).click();
  const physicalItem = page.getByTestId("room").filter({ has: page.getByRole("heading", { name: physicalRoom, exact: true }) });
  await expect(physicalItem).toContainText("Phòng họp trực tiếp");
  await expect(physicalItem).toContainText("30 người");

  // (2) The clerk creates the weekly briefing: Monday 09:00, 90 minutes, online, inviting the officer.
  await page.goto("/lam-viec/hop/giao-ban/moi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tạo lịch giao ban hằng tuần");
  await expect(page.getByLabel("Bắt đầu từ ngày", { exact: true })).toHaveValue(vnDay(prefilledMonday));
  await expect(page.getByLabel("Giờ bắt đầu", { exact: true })).toHaveValue("09:00");
  await expect(page.getByLabel("Thời lượng (phút)", { exact: true })).toHaveValue("90");
  await expect(page.getByLabel("Lặp lại", { exact: true })).toHaveValue("weekly");
  await expect(page.getByRole("checkbox", { name: "Thứ Hai" })).toBeChecked();
  await chooseOption(page, page.getByLabel("Đơn vị", { exact: true }), "Trung ương Hội Cựu TNXP Việt Nam");
  await page.getByLabel("Tên cuộc họp", { exact: true }).fill(seriesTitle);
  await page.getByLabel("Bắt đầu từ ngày", { exact: true }).fill(vnDay(monday));
  await chooseOption(page, page.getByLabel("Phòng họp", { exact: true }), onlineRoom);
  await chooseOption(page, page.getByLabel("Người tham dự", { exact: true }), "Hoàng Văn Cán Bộ");
  await page.getByRole("button", { name: "Tạo lịch họp", exact: true }).click();
  await expect(page).toHaveURL(/\/lam-viec\/hop\/lich\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(seriesTitle);
  await expect(page.getByRole("link", { name: `${vnDay(monday)} 09:00–10:30` })).toBeVisible();

  // (3) The officer opens the calendar week of that Monday: the meeting at 09:00 with its online link.
  const officer = await signedIn(browser, "hanoi.canbo");
  const own = officer.page;
  await own.goto(`/lam-viec/lich?xem=tuan&ngay=${vnDay(monday)}`);
  await expect(own.getByRole("heading", { level: 1 })).toHaveText("Lịch họp");
  const mondayColumn = own.locator(`section[aria-labelledby="ngay-${monday}"]`);
  const entry = mondayColumn.locator("article").filter({ hasText: seriesTitle });
  await expect(entry).toHaveCount(1);
  await expect(entry.locator("time")).toHaveText("09:00–10:30");
  const join = entry.getByRole("link", { name: "Vào phòng họp trực tuyến" });
  await expect(join).toHaveAttribute("href", onlineLink!);
  expect(onlineLink!.startsWith(JITSI_BASE)).toBe(true);
  // The meeting's own page carries the same link.
  await entry.getByRole("link", { name: seriesTitle }).click();
  await expect(own).toHaveURL(/\/lam-viec\/hop\/[0-9a-f-]{36}$/);
  await expect(own.getByRole("heading", { level: 1 })).toHaveText(seriesTitle);
  await expect(own.getByRole("link", { name: `Tham gia họp trực tuyến (${onlineRoom})` })).toHaveAttribute("href", onlineLink!);
  await officer.context.close();

  // (4) The clerk books the physical room on the Tuesday, 14:00–15:00.
  await page.goto("/lam-viec/phong-hop");
  const bookingForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Đặt phòng", exact: true }) });
  const book = async (title: string) => {
    await chooseOption(page, bookingForm.getByLabel("Phòng", { exact: true }), physicalRoom);
    await bookingForm.getByLabel("Nội dung sử dụng", { exact: true }).fill(title);
    await bookingForm.getByLabel("Ngày", { exact: true }).fill(vnDay(tuesday));
    await bookingForm.getByLabel("Từ", { exact: true }).fill("14:00");
    await bookingForm.getByLabel("Đến", { exact: true }).fill("15:00");
    await bookingForm.getByRole("button", { name: "Đặt phòng", exact: true }).click();
  };
  await book(firstBooking);
  await expect(bookingForm.getByText("Đã đặt phòng.", { exact: true })).toBeVisible();
  await expect(page).toHaveURL(/[?&]tuan=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId("room-week")).toContainText(firstBooking);

  // (5) The same slot again: refused, naming the holder and offering the nearest free slots.
  await book(secondBooking);
  const conflict = bookingForm.getByTestId("booking-conflict");
  await expect(conflict).toContainText(`Khung giờ này đã có: ${firstBooking}`);
  await expect(conflict).toContainText(`${vnDay(tuesday)} 14:00–15:00`);
  await expect(conflict).toContainText("Khung giờ trống gần nhất (bấm để chọn):");
  await expect(bookingForm.getByText(/Khung giờ này đã có người đặt/).first()).toBeVisible();
  const alternatives = conflict.getByRole("button");
  expect(await alternatives.count()).toBeGreaterThan(0);
  const slot = (await alternatives.first().innerText()).trim();
  const [, altDay, altFrom, altTo] = slot.match(/^(\d{2}\/\d{2}\/\d{4}) (\d{2}:\d{2})–(\d{2}:\d{2})$/) ?? [];
  expect(altDay, `alternative slot "${slot}"`).toBeTruthy();
  expect(`${altDay} ${altFrom}`).not.toBe(`${vnDay(tuesday)} 14:00`);
  await alternatives.first().click();
  await expect(conflict).toHaveCount(0);
  await expect(bookingForm.getByLabel("Ngày", { exact: true })).toHaveValue(altDay!);
  await expect(bookingForm.getByLabel("Từ", { exact: true })).toHaveValue(altFrom!);
  await expect(bookingForm.getByLabel("Đến", { exact: true })).toHaveValue(altTo!);
  await expect(bookingForm.getByLabel("Nội dung sử dụng", { exact: true })).toHaveValue(secondBooking);
  await bookingForm.getByRole("button", { name: "Đặt phòng", exact: true }).click();
  await expect(bookingForm.getByText("Đã đặt phòng.", { exact: true })).toBeVisible();
  await expect(page.getByTestId("room-week")).toContainText(secondBooking);
  await expect(page.getByTestId("room-week").locator("li li").filter({ hasText: secondBooking })).toContainText(altFrom!);

  await clerk.context.close();
});
