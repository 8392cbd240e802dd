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

/** The Monday of next week (yyyy-MM-dd) in Vietnam: far enough ahead for every slot of a day to be bookable. */
function nextWeekMonday(): string {
  const now = vietnamNow();
  return addDays(now.day, 7 - ((now.weekday + 6) % 7));
}

/** A one-off meeting of the central unit, made through Tạo cuộc họp; returns its page's address. */
async function createMeeting(page: Page, meeting: { title: string; day: string; from: string; to: string; agenda?: string }) {
  await page.goto("/lam-viec/hop/moi");
  // The form fills in its defaults once it runs in the browser: typing before that would be overwritten.
  await expect(page.getByLabel("Giờ bắt đầu", { exact: true })).toHaveValue("14:00");
  await chooseOption(page, page.getByLabel("Đơn vị", { exact: true }), "Trung ương Hội Cựu TNXP Việt Nam");
  await page.getByLabel("Tên cuộc họp", { exact: true }).fill(meeting.title);
  await page.getByLabel("Ngày họp", { exact: true }).fill(vnDay(meeting.day));
  await page.getByLabel("Giờ bắt đầu", { exact: true }).fill(meeting.from);
  await page.getByLabel("Giờ kết thúc", { exact: true }).fill(meeting.to);
  if (meeting.agenda) await page.getByLabel("Chương trình họp", { exact: true }).fill(meeting.agenda);
  await page.getByRole("button", { name: "Tạo cuộc họp", exact: true }).click();
  await expect(page).toHaveURL(/\/lam-viec\/hop\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(meeting.title);
  return page.url();
}

test("a clerk edits a meeting: the form opens filled in, a wrong time is named at its field and nothing is saved, the new title shows on the meeting page", async ({ browser }) => {
  const stamp = stampOf();
  const title = `Họp chuẩn bị hội nghị ${stamp}`;
  const renamed = `Họp chuẩn bị hội nghị tổng kết năm ${stamp}`;
  const thursday = addDays(nextWeekMonday(), 3);
  const clerk = await signedIn(browser, "vanthu");
  const page = clerk.page;
  const meetingUrl = await createMeeting(page, { title, day: thursday, from: "14:00", to: "15:30", agenda: "Báo cáo tình hình | Văn phòng | 20" });

  await page.getByRole("link", { name: "Sửa", exact: true }).click();
  await expect(page).toHaveURL(`${meetingUrl}/sua`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sửa cuộc họp");
  const titleField = page.getByLabel("Tên cuộc họp", { exact: true });
  const endField = page.getByLabel("Giờ kết thúc", { exact: true });
  await expect(titleField).toHaveValue(title);
  await expect(page.getByLabel("Ngày họp", { exact: true })).toHaveValue(vnDay(thursday));
  await expect(page.getByLabel("Giờ bắt đầu", { exact: true })).toHaveValue("14:00");
  await expect(endField).toHaveValue("15:30");
  await expect(page.getByLabel("Chương trình họp", { exact: true })).toHaveValue("Báo cáo tình hình | Văn phòng | 20");

  // An end before the start: the server names it under the end time, and nothing is saved.
  await titleField.fill(renamed);
  await endField.fill("13:00");
  await page.getByRole("button", { name: "Lưu thay đổi", exact: true }).click();
  await expect(endField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Giờ kết thúc phải sau giờ bắt đầu.", { exact: true })).toBeVisible();
  await page.goto(meetingUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // The new title, saved: back on the meeting page, at the same time.
  await page.goto(`${meetingUrl}/sua`);
  await expect(page.getByLabel("Tên cuộc họp", { exact: true })).toHaveValue(title);
  await page.getByLabel("Tên cuộc họp", { exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Lưu thay đổi", exact: true }).click();
  await expect(page).toHaveURL(meetingUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  await expect(page.getByText(`${vnDay(thursday)} 14:00–15:30`)).toBeVisible();
  await clerk.context.close();

  // An officer of a province invited to nothing does not see the meeting, let alone its form.
  const stranger = await signedIn(browser, "tuyenquang.canbo");
  const response = await stranger.page.goto(`${meetingUrl}/sua`);
  expect(response?.status()).toBe(404);
  await stranger.context.close();
});

test("an officer cancels their own room booking and the slot is bookable again at once; another person's booking offers no cancel button", async ({ browser }) => {
  const stamp = stampOf();
  const room = `Phòng họp nhỏ ${stamp}`;
  const mine = `Họp tổ công tác ${stamp}`;
  const again = `Họp tổ công tác (đặt lại) ${stamp}`;
  const clerksBooking = `Tiếp khách ${stamp}`;
  const tuesday = addDays(nextWeekMonday(), 1);

  const bookIn = async (page: Page, title: string, from: string, to: string) => {
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "Đặt phòng", exact: true }) });
    await expect(form.getByLabel("Từ", { exact: true })).toHaveValue(/\d{2}:\d{2}/);
    await chooseOption(page, form.getByLabel("Phòng", { exact: true }), room);
    await form.getByLabel("Nội dung sử dụng", { exact: true }).fill(title);
    await form.getByLabel("Ngày", { exact: true }).fill(vnDay(tuesday));
    await form.getByLabel("Từ", { exact: true }).fill(from);
    await form.getByLabel("Đến", { exact: true }).fill(to);
    await form.getByRole("button", { name: "Đặt phòng", exact: true }).click();
    await expect(form.getByText("Đã đặt phòng.", { exact: true })).toBeVisible();
    await expect(page.getByTestId("room-week")).toContainText(title);
  };

  // The office adds a room that approves itself and books its afternoon.
  const clerk = await signedIn(browser, "vanthu");
  await clerk.page.goto("/lam-viec/phong-hop/quan-ly");
  const roomForm = clerk.page.locator("form").filter({ has: clerk.page.getByRole("button", { name: "Thêm phòng họp", exact: true }) });
  await roomForm.getByLabel("Loại phòng", { exact: true }).selectOption("physical");
  await roomForm.getByLabel("Tên phòng", { exact: true }).fill(room);
  await roomForm.getByLabel("Địa điểm", { exact: true }).fill("Tầng 2, trụ sở Trung ương");
  await roomForm.getByLabel("Tự động duyệt yêu cầu đặt phòng").check();
  await roomForm.getByRole("button", { name: "Thêm phòng họp", exact: true }).click();
  await expect(clerk.page.getByTestId("room").filter({ has: clerk.page.getByRole("heading", { name: room, exact: true }) })).toBeVisible();
  await clerk.page.goto("/lam-viec/phong-hop");
  await bookIn(clerk.page, clerksBooking, "16:00", "17:00");
  await clerk.context.close();

  // The officer books the morning; their booking has the button, the office's has none.
  const officer = await signedIn(browser, "hanoi.canbo");
  const page = officer.page;
  await page.goto("/lam-viec/phong-hop");
  await bookIn(page, mine, "09:00", "10:00");
  const week = page.getByTestId("room-week");
  await expect(week.getByRole("button", { name: `Hủy đặt phòng: ${mine}` })).toBeVisible();
  await expect(week.getByRole("button", { name: `Hủy đặt phòng: ${clerksBooking}` })).toHaveCount(0);

  // Cancelled from "Phòng bạn đã đặt", confirmed with a second press.
  const myBooking = page.getByTestId("my-booking").filter({ hasText: mine });
  await expect(myBooking).toContainText(`${vnDay(tuesday)} 09:00–10:00`);
  await myBooking.getByRole("button", { name: `Hủy đặt phòng: ${mine}` }).click();
  await myBooking.getByRole("button", { name: "Xác nhận hủy đặt phòng", exact: true }).click();
  await expect(page.getByTestId("booking-cancelled")).toHaveText("Đã hủy đặt phòng. Khung giờ này đã trống để đặt lại.");
  await expect(page.getByTestId("my-booking").filter({ hasText: mine })).toHaveCount(0);
  await expect(week).not.toContainText(mine);
  await expect(week).toContainText(clerksBooking);

  // The same slot is free at once: booked again without a conflict.
  await bookIn(page, again, "09:00", "10:00");
  await expect(page.getByTestId("booking-conflict")).toHaveCount(0);
  await expect(page.getByTestId("my-booking").filter({ hasText: again })).toContainText(`${vnDay(tuesday)} 09:00–10:00`);
  await officer.context.close();
});

test("short meetings stay readable in the week: the start and the title on one line, the full text in the tooltip and read out, overlapping ones side by side", async ({ browser }, testInfo) => {
  const stamp = stampOf();
  const wednesday = addDays(nextWeekMonday(), 2);
  const quarter = `Họp nhanh ban thường vụ về công tác chuẩn bị Đại hội đại biểu toàn quốc ${stamp}`;
  const half = `Trao đổi kế hoạch tổng kết năm với các tỉnh phía Bắc ${stamp}`;
  const overlapping = `Làm việc với đoàn kiểm tra ${stamp}`;
  const clerk = await signedIn(browser, "vanthu");
  const page = clerk.page;
  await createMeeting(page, { title: quarter, day: wednesday, from: "09:00", to: "09:15" });
  await createMeeting(page, { title: half, day: wednesday, from: "10:00", to: "10:30" });
  await createMeeting(page, { title: overlapping, day: wednesday, from: "10:15", to: "11:15" });

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/lam-viec/lich?xem=tuan&ngay=${vnDay(wednesday)}`);
  const column = page.locator(`section[aria-labelledby="ngay-${wednesday}"]`);
  const entryOf = (title: string) => column.locator("article").filter({ hasText: title });
  const unit = "Trung ương Hội Cựu TNXP Việt Nam";
  for (const [title, from, to] of [[quarter, "09:00", "09:15"], [half, "10:00", "10:30"]] as const) {
    const entry = entryOf(title);
    await expect(entry).toHaveAttribute("title", `${from}–${to} · ${title} · ${unit}`);
    // The end is read out with the start, though only the start is shown.
    await expect(entry.locator("time")).toHaveText(`${from}–${to}`);
    await expect(entry.getByRole("link", { name: title, exact: true })).toBeVisible();
    // The title is one line ending in "…", inside the entry's box: nothing cut through.
    const heading = entry.locator("h4");
    await expect(heading).toHaveCSS("text-overflow", "ellipsis");
    await expect(heading).toHaveCSS("white-space", "nowrap");
    const [box, line] = [await entry.boundingBox(), await heading.boundingBox()];
    expect(line!.height).toBeLessThanOrEqual(20);
    expect(line!.y + line!.height).toBeLessThanOrEqual(box!.y + box!.height);
    expect(box!.height).toBeGreaterThanOrEqual(44);
  }
  // The quarter-hour overlaps nothing and keeps the column's width; the two that overlap share it.
  const [col, alone, a, b] = await Promise.all([column.boundingBox(), entryOf(quarter).boundingBox(), entryOf(half).boundingBox(), entryOf(overlapping).boundingBox()]);
  expect(alone!.width).toBeGreaterThan(col!.width - 8);
  expect(a!.x + a!.width).toBeLessThanOrEqual(b!.x + 1);
  expect(b!.y).toBeLessThan(a!.y + a!.height);

  const shot = testInfo.outputPath("week-short-meetings.png");
  await page.locator("[data-calendar-week]").screenshot({ path: shot });
  await testInfo.attach("week with a 15- and a 30-minute meeting", { path: shot, contentType: "image/png" });
  await clerk.context.close();
});
