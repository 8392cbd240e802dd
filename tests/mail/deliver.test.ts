import net, { type AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { mailOutbox } from "@/db/schema";
import type { DatabaseHandle, Db } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { deliverQueuedMail } from "@/lib/mail/deliver";
import { queueMail } from "@/lib/mail/service";
import { createTestDatabase } from "../helpers/db";
import { uniqueName } from "../helpers/fixtures";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let handle: DatabaseHandle;
let db: Db;
let smtp: SMTPServer;
let smtpPort = 0;
const received: Received[] = [];
const savedEnv = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM: process.env.MAIL_FROM };

function setEnv(name: keyof typeof savedEnv, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  resetEnvCache();
}

/** A port nothing listens on: bound once by us, then closed. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function queue(count: number, subjectPrefix = "Thư thử") {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const to = `${uniqueName("nhan")}@example.vn`;
    ids.push(await queueMail(db, { to, subject: `${subjectPrefix} ${i}`, body: `Nội dung ${i} — ${to}` }));
  }
  return ids;
}

const rowsFor = (ids: string[]) => db.select().from(mailOutbox).where(inArray(mailOutbox.id, ids));

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await handle?.close();
});

beforeEach(async () => {
  // Each test starts with an outbox holding nothing deliverable.
  await db.update(mailOutbox).set({ status: "failed" }).where(inArray(mailOutbox.status, ["queued", "sending"]));
  received.length = 0;
  setEnv("SMTP_URL", undefined);
  setEnv("MAIL_FROM", undefined);
});

afterEach(() => {
  setEnv("SMTP_URL", savedEnv.SMTP_URL);
  setEnv("MAIL_FROM", savedEnv.MAIL_FROM);
});

describe("deliverQueuedMail without SMTP", () => {
  it("keeps queued messages in the outbox, each claimed once", async () => {
    const ids = await queue(3);
    expect(await deliverQueuedMail(db)).toBe(3);
    const rows = await rowsFor(ids);
    expect(rows.every((r) => r.status === "kept" && r.attempts === 1 && r.sentAt === null && r.error === null)).toBe(true);
    expect(await deliverQueuedMail(db)).toBe(0);
    expect((await rowsFor(ids)).every((r) => r.attempts === 1)).toBe(true);
  });

  it("claims the oldest messages first, a batch at a time", async () => {
    const ids = await queue(5);
    expect(await deliverQueuedMail(db, { batch: 2 })).toBe(2);
    const rows = await rowsFor(ids);
    const kept = rows.filter((r) => r.status === "kept").map((r) => r.id);
    expect(kept.sort()).toEqual(ids.slice(0, 2).sort());
    expect(await deliverQueuedMail(db, { batch: 10 })).toBe(3);
  });

  it("two deliveries at once never claim the same message", async () => {
    const ids = await queue(20);
    const counts = await Promise.all([deliverQueuedMail(db, { batch: 7 }), deliverQueuedMail(db, { batch: 7 }), deliverQueuedMail(db, { batch: 7 })]);
    const rest = await deliverQueuedMail(db);
    expect(counts.reduce((a, b) => a + b, 0) + rest).toBe(20);
    const rows = await rowsFor(ids);
    expect(rows.every((r) => r.status === "kept" && r.attempts === 1)).toBe(true);
  });

  it("leaves messages that are being sent, or out of attempts, alone", async () => {
    const [sending, exhausted] = await queue(2);
    await db.update(mailOutbox).set({ status: "sending" }).where(inArray(mailOutbox.id, [sending!]));
    await db.update(mailOutbox).set({ attempts: 5 }).where(inArray(mailOutbox.id, [exhausted!]));
    expect(await deliverQueuedMail(db)).toBe(0);
    const rows = await rowsFor([sending!, exhausted!]);
    expect(rows.map((r) => [r.status, r.attempts]).sort()).toEqual([
      ["queued", 5],
      ["sending", 0],
    ]);
  });
});

describe("deliverQueuedMail through SMTP", () => {
  it("sends queued messages and marks them sent", async () => {
    setEnv("SMTP_URL", `smtp://127.0.0.1:${smtpPort}`);
    setEnv("MAIL_FROM", "Kết Nối <no-reply@ketnoi.example.vn>");
    const marker = uniqueName("subject");
    const ids = await queue(3, `Marker ${marker}`);
    expect(await deliverQueuedMail(db)).toBe(3);

    const rows = await rowsFor(ids);
    for (const row of rows) {
      expect(row).toMatchObject({ status: "sent", attempts: 1, error: null });
      expect(row.sentAt).toBeInstanceOf(Date);
    }
    expect(received).toHaveLength(3);
    for (const row of rows) {
      const message = received.find((m) => m.to.includes(row.toAddress));
      expect(message, row.toAddress).toBeDefined();
      expect(message!.from).toBe("no-reply@ketnoi.example.vn");
      expect(message!.raw).toContain(`Marker ${marker}`);
      expect(message!.raw).toMatch(/^Content-Type: text\/plain; charset=utf-8/im);
    }
  });

  it("puts a message back in the queue with the error when the server cannot be reached", async () => {
    setEnv("SMTP_URL", `smtp://127.0.0.1:${await closedPort()}`);
    const [id] = await queue(1);
    expect(await deliverQueuedMail(db)).toBe(1);
    let [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: "queued", attempts: 1, sentAt: null });
    expect(row!.error).toMatch(/ECONNREFUSED|connect/i);

    // The next sweep tries again and counts the attempt.
    expect(await deliverQueuedMail(db)).toBe(1);
    [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: "queued", attempts: 2 });
    expect(received).toHaveLength(0);
  });

  it("gives up after the fifth attempt", async () => {
    setEnv("SMTP_URL", `smtp://127.0.0.1:${await closedPort()}`);
    const [id] = await queue(1);
    await db.update(mailOutbox).set({ attempts: 4 }).where(inArray(mailOutbox.id, [id!]));
    expect(await deliverQueuedMail(db)).toBe(1);
    const [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: "failed", attempts: 5 });
    expect(row!.error).toBeTruthy();
    expect(await deliverQueuedMail(db)).toBe(0);
  });

  it("a message that failed once is sent when the server is back", async () => {
    setEnv("SMTP_URL", `smtp://127.0.0.1:${await closedPort()}`);
    const [id] = await queue(1);
    await deliverQueuedMail(db);
    setEnv("SMTP_URL", `smtp://127.0.0.1:${smtpPort}`);
    await deliverQueuedMail(db);
    const [row] = await rowsFor([id!]);
    expect(row).toMatchObject({ status: "sent", attempts: 2, error: null });
    expect(received).toHaveLength(1);
  });

  it("env() is re-read after resetEnvCache: without SMTP_URL again, messages are kept", async () => {
    setEnv("SMTP_URL", `smtp://127.0.0.1:${smtpPort}`);
    setEnv("SMTP_URL", undefined);
    const ids = await queue(1);
    await deliverQueuedMail(db);
    expect((await rowsFor(ids))[0]!.status).toBe("kept");
    expect(received).toHaveLength(0);
  });
});
