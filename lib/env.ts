import { z } from "zod";

// Environment is validated once, at first use, with messages an operator can act on.
// An empty variable (DATABASE_URL= in a shell or .env file) means "not set".
const blankAsUnset = (value: unknown) => (value === "" ? undefined : value);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.preprocess(
    blankAsUnset,
    z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL phải có dạng postgres://người-dùng@máy:cổng/cơ-sở-dữ-liệu").optional(),
  ),
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: z.preprocess(blankAsUnset, z.string().min(32, "AUTH_SECRET phải dài ít nhất 32 ký tự").optional()),
  APP_URL: z.string().url("APP_URL phải là một địa chỉ URL đầy đủ, ví dụ https://ketnoi.example.vn").default("http://localhost:3000"),
  SMTP_URL: z.preprocess(blankAsUnset, z.string().regex(/^smtps?:\/\//, "SMTP_URL phải có dạng smtp://… hoặc smtps://…").optional()),
  MAIL_FROM: z.string().min(3).default("Kết Nối <no-reply@localhost>"),
  JOBS_IN_PROCESS: z.enum(["true", "false"]).default("true"),
  MAX_BODY_KB: z.coerce.number().int().positive().default(1024),
  /** Largest document, publication or media file accepted, in MB (stated in the upload forms). */
  FILE_MAX_MB: z.coerce.number().int().positive().max(2048).default(25),
  /** S3-compatible object storage for files (MinIO, Ceph, AWS…); without it files stay under DATA_DIR. */
  S3_ENDPOINT: z.preprocess(blankAsUnset, z.string().url("S3_ENDPOINT phải là một địa chỉ URL, ví dụ https://s3.example.vn").optional()),
  S3_BUCKET: z.preprocess(blankAsUnset, z.string().min(3).optional()),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.preprocess(blankAsUnset, z.string().optional()),
  S3_SECRET_ACCESS_KEY: z.preprocess(blankAsUnset, z.string().optional()),
  S3_PREFIX: z.string().default(""),
  /** The Jitsi Meet server online rooms live on: a room's link is this address plus its name. */
  JITSI_BASE_URL: z.string().url("JITSI_BASE_URL phải là một địa chỉ URL, ví dụ https://meet.jit.si").default("https://meet.jit.si"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Cấu hình môi trường không hợp lệ:\n${lines.join("\n")}`);
  }
  const value = parsed.data;
  if (value.DATABASE_URL && !value.AUTH_SECRET && value.NODE_ENV === "production") {
    throw new Error(
      "Cấu hình môi trường không hợp lệ:\n  - AUTH_SECRET: bắt buộc khi chạy với DATABASE_URL ở chế độ production (tạo bằng: openssl rand -base64 48)",
    );
  }
  if (value.S3_ENDPOINT && (!value.S3_BUCKET || !value.S3_ACCESS_KEY_ID || !value.S3_SECRET_ACCESS_KEY)) {
    throw new Error("Cấu hình môi trường không hợp lệ:\n  - S3_ENDPOINT cần đi cùng S3_BUCKET, S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY");
  }
  cached = value;
  return value;
}

/** Tests change process.env between runs; let them re-read it. */
export function resetEnvCache() {
  cached = undefined;
}
