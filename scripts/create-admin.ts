/**
 * Creates the first administrator: production has no default account.
 *
 *   npm run create-admin -- --username quantri --email quantri@example.vn --name "Họ Tên" \
 *     [--org-name "Tên tổ chức" --org-short "Tên viết tắt" --member-term "hội viên" --style HD36|ND30]
 *
 * On an empty database it also creates the organisation settings and the root unit (then
 * --org-name is required). The account gets a random one-time password that must be changed at the
 * first sign-in; it is printed once and stored nowhere in clear.
 */
import { randomInt, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { isNull, sql } from "drizzle-orm";
import { auditLog, orgSettings, passwordHistory, roleAssignments, units, users } from "@/db/schema";
import { maskChanges } from "@/lib/audit/mask";
import { hashPassword } from "@/lib/auth/password";
import { openDatabase } from "@/lib/db/open";
import { t } from "@/lib/i18n";

const DEFAULT_LEVEL_NAMES = ["Trung ương", "Tỉnh", "Cơ sở", "Chi hội"];
const USERNAME_PATTERN = /^[a-z0-9._-]{3,40}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_LENGTH = 16;
// No look-alikes (0/O, 1/l/I) so the password can be read aloud or copied by hand.
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789@#%+=?";

const USAGE = t("cli.createAdmin.usage");

/** A refusal the operator can act on: printed without a stack trace, exit code 1. */
class CliError extends Error {}

interface Options {
  username: string;
  email: string;
  fullName: string;
  orgName?: string;
  orgShort?: string;
  memberTerm: string;
  style: "HD36" | "ND30";
  rootName?: string;
  rootCode: string;
}

function readOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        username: { type: "string" },
        email: { type: "string" },
        name: { type: "string" },
        "org-name": { type: "string" },
        "org-short": { type: "string" },
        "member-term": { type: "string" },
        style: { type: "string" },
        "root-name": { type: "string" },
        "root-code": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new CliError(
      t("cli.createAdmin.invalidArgs", { error: error instanceof Error ? error.message : String(error), usage: USAGE }),
    );
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }

  const missing = (["username", "email", "name"] as const).filter((k) => !values[k]?.trim());
  if (missing.length > 0) {
    throw new CliError(t("cli.createAdmin.missingArgs", { flags: missing.map((k) => `--${k}`).join(", "), usage: USAGE }));
  }

  const username = values.username!.trim().toLowerCase();
  if (!USERNAME_PATTERN.test(username)) {
    throw new CliError(t("cli.createAdmin.invalidUsername"));
  }
  const email = values.email!.trim();
  if (!EMAIL_PATTERN.test(email) || email.length > 200) throw new CliError(t("cli.createAdmin.invalidEmail", { email }));
  const fullName = values.name!.trim();
  if (fullName.length > 120) throw new CliError(t("cli.createAdmin.nameTooLong"));

  const style = (values.style ?? "ND30").trim().toUpperCase();
  if (style !== "HD36" && style !== "ND30") throw new CliError(t("cli.createAdmin.invalidStyle"));

  const rootCode = (values["root-code"] ?? "TW").trim();
  if (!rootCode) throw new CliError(t("cli.createAdmin.emptyRootCode"));

  return {
    username,
    email,
    fullName,
    orgName: values["org-name"]?.trim() || undefined,
    orgShort: values["org-short"]?.trim() || undefined,
    memberTerm: values["member-term"]?.trim() || "hội viên",
    style,
    rootName: values["root-name"]?.trim() || undefined,
    rootCode,
  };
}

/** 16 characters from a CSPRNG, with at least one upper-case letter, lower-case letter and digit. */
function generatePassword(length = PASSWORD_LENGTH): string {
  for (;;) {
    let password = "";
    for (let i = 0; i < length; i++) password += PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)];
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

async function main() {
  const options = readOptions(process.argv.slice(2));
  const handle = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATA_DIR ?? ".data" });
  try {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);

    const result = await handle.db
      .transaction(async (tx) => {
        const taken = await tx
          .select({ username: users.username, email: users.email })
          .from(users)
          .where(sql`lower(${users.username}) = lower(${options.username}) or lower(${users.email}) = lower(${options.email})`);
        if (taken.length > 0) {
          const sameName = taken.some((u) => u.username.toLowerCase() === options.username);
          throw new CliError(
            sameName
              ? t("cli.createAdmin.usernameTaken", { username: options.username })
              : t("cli.createAdmin.emailTaken", { email: options.email }),
          );
        }

        let [settings] = await tx.select().from(orgSettings).limit(1);
        let createdOrg = false;
        if (!settings) {
          if (!options.orgName) {
            throw new CliError(t("cli.createAdmin.orgNameRequired"));
          }
          [settings] = await tx
            .insert(orgSettings)
            .values({
              orgName: options.orgName,
              shortName: options.orgShort ?? options.orgName,
              memberTerm: options.memberTerm,
              levelNames: DEFAULT_LEVEL_NAMES,
              numberingStyle: options.style,
            })
            .returning();
          createdOrg = true;
        } else if (options.orgName || options.orgShort || options.rootName) {
          console.warn(t("cli.createAdmin.orgOptionsIgnored"));
        }

        let [root] = await tx
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(isNull(units.parentId))
          .orderBy(sql`${units.activeTo} is not null`, units.createdAt)
          .limit(1);
        if (!root) {
          const id = randomUUID();
          [root] = await tx
            .insert(units)
            .values({
              id,
              name: options.rootName ?? settings!.orgName,
              code: options.rootCode,
              level: 0,
              parentId: null,
              path: id.replace(/-/g, ""),
            })
            .returning({ id: units.id, name: units.name });
        }

        const [user] = await tx
          .insert(users)
          .values({
            username: options.username,
            email: options.email,
            fullName: options.fullName,
            homeUnitId: root!.id,
            passwordHash,
            mustChangePassword: true,
          })
          .returning({ id: users.id });
        await tx.insert(roleAssignments).values({ userId: user!.id, role: "administrator", unitId: root!.id });
        await tx.insert(passwordHistory).values({ userId: user!.id, passwordHash });
        await tx.insert(auditLog).values({
          actorId: null,
          actorName: "create-admin",
          unitId: root!.id,
          action: "account.createFirstAdmin",
          entityType: "user",
          entityId: user!.id,
          changes: maskChanges({
            username: { to: options.username },
            fullName: { to: options.fullName },
            email: { to: options.email },
            role: { to: "administrator" },
            ...(createdOrg ? { orgName: { to: settings!.orgName } } : {}),
          }),
        });
        return { unitName: root!.name, createdOrg, orgName: settings!.orgName };
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) {
          throw new CliError(t("cli.createAdmin.alreadyExists"));
        }
        throw error;
      });

    if (result.createdOrg) {
      console.log(t("cli.createAdmin.orgCreated", { org: result.orgName, unit: result.unitName }));
    }
    console.log(t("cli.createAdmin.created", { unit: result.unitName }));
    console.log(t("cli.createAdmin.credentials", { username: options.username, password }));
    console.log(t("cli.createAdmin.passwordOnce"));
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(error.message);
  } else {
    console.error(t("cli.createAdmin.failed"), error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
