/**
 * CCCD (12 digits): 3-digit province code of birth registration, a century/sex digit, the last
 * two digits of the birth year, 6 digits. Old CMND numbers have 9 digits and no structure to check.
 */
export type NationalIdProblem = "idLength" | "idFormat" | "idBirthYear";

export function normaliseNationalId(raw: string): string {
  return raw.replace(/[\s.\-]/g, "");
}

export function checkNationalId(id: string, birthDate?: string | null): NationalIdProblem | null {
  if (!/^\d+$/.test(id)) return "idFormat";
  if (id.length === 9) return null;
  if (id.length !== 12) return "idLength";
  const province = Number(id.slice(0, 3));
  const centurySex = Number(id[3]);
  if (province < 1 || province > 96) return "idFormat";
  if (birthDate) {
    const year = Number(birthDate.slice(0, 4));
    // 0/1: born 1900–1999 (male/female), 2/3: 2000–2099, 4/5: 2100–2199 …
    const century = 1900 + Math.floor(centurySex / 2) * 100;
    if (year < century || year >= century + 100 || Number(id.slice(4, 6)) !== year % 100) return "idBirthYear";
  }
  return null;
}

/** What roles without the need see: the last four digits only. */
export function maskNationalId(id: string | null): string | null {
  if (!id) return id;
  return `${"•".repeat(Math.max(0, id.length - 4))}${id.slice(-4)}`;
}
