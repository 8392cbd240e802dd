import { hash, verify } from "@node-rs/argon2";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import type { MessageKey } from "@/lib/i18n";

// OWASP's argon2id floor: 19 MiB of memory, two passes.
// (algorithm 2 = Argon2id; the enum is a const enum the compiler cannot inline here.)
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of a random value, verified for unknown accounts so they take as long as known ones. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomUUID());
  return decoyHash;
}

const strength = new ZxcvbnFactory({
  dictionary: { ...common.dictionary },
  graphs: common.adjacencyGraphs,
});

export const MIN_PASSWORD_LENGTH = 10;

/** Why a new password is too weak, or null. Personal words (name, username) count against it. */
export function passwordWeakness(password: string, personal: string[] = []): MessageKey | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "password.tooShort";
  if (password.length > 200) return "password.tooLong";
  const lowered = password.toLowerCase();
  if (personal.some((w) => w.length >= 3 && lowered.includes(w.toLowerCase()))) return "password.personal";
  const userInputs = personal.flatMap((w) => w.split(/\s+/)).filter(Boolean);
  if (strength.check(password, userInputs).score < 3) return "password.weak";
  return null;
}
