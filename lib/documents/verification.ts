/**
 * The short code printed beside a published file: the first 50 bits of its SHA-256 in Crockford
 * base32 (no I, L, O, U: nothing to misread when typed from paper), as two groups of five.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export function verificationCode(sha256: string): string {
  let bits = BigInt(`0x${sha256.slice(0, 13)}`) >> 2n; // 52 bits → 50
  let out = "";
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** A typed code, forgiving as Crockford intends: case, spaces, dashes, O→0, I/L→1. */
export function normaliseVerificationCode(input: string): string | null {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(cleaned)) return null;
  return `${cleaned.slice(0, 5)}-${cleaned.slice(5)}`;
}
