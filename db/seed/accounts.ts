import type { RoleName } from "@/db/schema";
import { t, type MessageKey } from "@/lib/i18n";

/** The one password every demo account shares; printed by the seed and the start command. */
export const DEMO_PASSWORD = "KetNoi@Demo2026";

export const DEMO_EMAIL_DOMAIN = "ketnoi.example.vn";

export interface DemoAccount {
  username: string;
  role: RoleName;
  unitName: string;
}

export interface DemoAccountSpec {
  username: string;
  role: RoleName;
  /** Generated demo names, not real people. */
  fullName: string;
  /** Code of the unit the role is held at (also the home unit). */
  unitCode: string;
}

/** One account per role, at a sensible unit. Unit codes are those built by db/seed/demo.ts. */
export const DEMO_ACCOUNT_SPECS: readonly DemoAccountSpec[] = [
  { username: "admin", role: "administrator", fullName: "Nguyễn Quản Trị", unitCode: "TW" },
  { username: "lanhdao", role: "leader", fullName: "Trần Lãnh Đạo", unitCode: "TW" },
  { username: "vanthu", role: "clerk", fullName: "Lê Thị Văn Thư", unitCode: "TW" },
  { username: "bientap", role: "editor", fullName: "Phạm Biên Tập", unitCode: "TW" },
  { username: "hanoi.canbo", role: "officer", fullName: "Hoàng Văn Cán Bộ", unitCode: "HA-NOI" },
  { username: "hanoi.quantri", role: "administrator", fullName: "Vũ Thị Quản Trị", unitCode: "HA-NOI" },
  { username: "hanoi.ctv", role: "collaborator", fullName: "Đặng Cộng Tác", unitCode: "HA-NOI" },
  { username: "tuyenquang.canbo", role: "officer", fullName: "Bùi Thị Cán Bộ", unitCode: "TUYEN-QUANG" },
  { username: "hoivien", role: "member", fullName: "Đỗ Văn Hội Viên", unitCode: "HA-NOI-BA-DINH-CH1" },
];

export function demoEmail(username: string): string {
  return `${username}@${DEMO_EMAIL_DOMAIN}`;
}


/** The demo accounts as a plain-text table (Vietnamese headings), one line per account. */
export function formatDemoAccounts(accounts: readonly DemoAccount[], password: string = DEMO_PASSWORD): string {
  const header = [
    t("cli.seed.accountsHeader.username"),
    t("cli.seed.accountsHeader.role"),
    t("cli.seed.accountsHeader.unit"),
    t("cli.seed.accountsHeader.password"),
  ];
  const rows = accounts.map((a) => [a.username, t(`role.${a.role}` as MessageKey), a.unitName, password]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i]!)).join(" │ ").trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("─┼─");
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function printDemoAccounts(
  accounts: readonly DemoAccount[],
  write: (text: string) => void = (text) => console.log(text),
): void {
  write(t("cli.seed.accountsIntro"));
  write(formatDemoAccounts(accounts));
}

// Vietnamese letters are single code points once composed (NFC), so length is the display width.
function width(text: string): number {
  return [...text.normalize("NFC")].length;
}

function pad(text: string, to: number): string {
  const normalized = text.normalize("NFC");
  return normalized + " ".repeat(Math.max(0, to - width(normalized)));
}
