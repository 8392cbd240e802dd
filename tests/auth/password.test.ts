import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { DEMO_ACCOUNT_SPECS, DEMO_PASSWORD } from "@/db/seed/accounts";
import { seedDemo } from "@/db/seed/demo";
import {
  MIN_PASSWORD_LENGTH,
  decoyPasswordHash,
  hashPassword,
  passwordWeakness,
  verifyPassword,
} from "@/lib/auth/password";
import type { DatabaseHandle } from "@/lib/db";
import { messages } from "@/lib/i18n/vi";
import { createTestDatabase } from "../helpers/db";

/** $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash> → its parts. */
function parsePhc(phc: string) {
  const match = /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!match) throw new Error(`not a PHC argon2 string: ${phc}`);
  const [, algorithm, version, m, t, p, salt, hash] = match;
  return { algorithm, version: Number(version), m: Number(m), t: Number(t), p: Number(p), salt: salt!, hash: hash! };
}

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db);
});
afterAll(async () => handle?.close());

describe("hashPassword", () => {
  it("produces an argon2id PHC string with OWASP's parameters (m=19456 KiB, t=2, p=1)", async () => {
    const phc = await hashPassword("Một cụm từ đủ dài để thử");
    const parts = parsePhc(phc);
    expect(parts).toMatchObject({ algorithm: "argon2id", version: 19, m: 19_456, t: 2, p: 1 });
    // 16-byte salt and 32-byte tag, base64 without padding.
    expect(Buffer.from(parts.salt, "base64").length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(parts.hash, "base64").length).toBe(32);
  });

  it("salts every hash: the same password hashes differently twice, and both verify", async () => {
    const password = "Đèn đỏ dừng lại đèn xanh đi tiếp";
    const [a, b] = await Promise.all([hashPassword(password), hashPassword(password)]);
    expect(a).not.toBe(b);
    expect(parsePhc(a).salt).not.toBe(parsePhc(b).salt);
    expect(await verifyPassword(a, password)).toBe(true);
    expect(await verifyPassword(b, password)).toBe(true);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses a wrong or differently cased one", async () => {
    const phc = await hashPassword("Sông Hồng chảy qua Hà Nội");
    expect(await verifyPassword(phc, "Sông Hồng chảy qua Hà Nội")).toBe(true);
    expect(await verifyPassword(phc, "sông hồng chảy qua hà nội")).toBe(false);
    expect(await verifyPassword(phc, "Sông Hồng chảy qua Hà Nội ")).toBe(false);
    expect(await verifyPassword(phc, "")).toBe(false);
  });

  it("answers false (does not throw) for a malformed stored hash", async () => {
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
    expect(await verifyPassword("", "anything at all")).toBe(false);
  });

  it("the decoy hash (for unknown accounts) is a policy hash that matches nothing guessable", async () => {
    const decoy = await decoyPasswordHash();
    expect(await decoyPasswordHash()).toBe(decoy);
    expect(parsePhc(decoy)).toMatchObject({ algorithm: "argon2id", m: 19_456, t: 2 });
    expect(await verifyPassword(decoy, "")).toBe(false);
    expect(await verifyPassword(decoy, DEMO_PASSWORD)).toBe(false);
  });

  it("hashes stored by the seed are policy hashes that verify with the demo password", async () => {
    for (const spec of DEMO_ACCOUNT_SPECS.slice(0, 2)) {
      const [user] = await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, spec.username));
      expect(parsePhc(user!.hash)).toMatchObject({ algorithm: "argon2id", m: 19_456, t: 2, p: 1 });
      expect(await verifyPassword(user!.hash, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(user!.hash, `${DEMO_PASSWORD}x`)).toBe(false);
    }
  });
});

describe("passwordWeakness", () => {
  it("refuses anything shorter than the minimum length", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordWeakness("")).toBe("password.tooShort");
    expect(passwordWeakness("short")).toBe("password.tooShort");
    expect(passwordWeakness("Ab1!Ab1!Z")).toBe("password.tooShort"); // 9 characters
  });

  it("refuses anything longer than 200 characters", () => {
    expect(passwordWeakness("trăng ".repeat(40))).toBe("password.tooLong");
  });

  it.each(["password123", "qwertyuiop", "1234567890", "Password1234", "iloveyou12"])(
    "refuses the common password %s as weak",
    (password) => {
      expect(passwordWeakness(password)).toBe("password.weak");
    },
  );

  it("refuses a password containing the person's name or username, case-insensitively", () => {
    expect(passwordWeakness("nguyenvana2024!", ["nguyenvana", "Nguyễn Văn A"])).toBe("password.personal");
    expect(passwordWeakness("XX-NguyenVanA-Hà-Nội-2026", ["nguyenvana"])).toBe("password.personal");
    // Personal words shorter than 3 characters are not held against the password.
    expect(passwordWeakness("Mây trắng bay qua đồi chè 2026", ["A", "mâ"])).toBeNull();
  });

  it.each(["ngựa vằn ăn bánh chưng dưới trăng", "Correct-Horse-Battery-Staple-42", "Mây trắng bay qua đồi chè 2026"])(
    "accepts the long passphrase %s",
    (password) => {
      expect(passwordWeakness(password, ["someone", "Người Khác"])).toBeNull();
    },
  );

  it("every key it can answer exists in the message catalogue", () => {
    for (const key of ["password.tooShort", "password.tooLong", "password.weak", "password.personal"]) {
      expect(messages).toHaveProperty([key]);
    }
  });
});
