/**
 * Harmonized System codes are kept as digit strings without dots ("420221", "9503000073"): the
 * leading zeros matter ("010121" is not "10121"), and a code's length is its depth (2 = chapter,
 * 4 = heading, 6 = subheading, 8/10 = national tariff lines).
 */
export const HS_CODE_PATTERN = /^\d{2}(\d{2}){0,4}$/;

/** "4202.21" -> "420221"; "8541.49.10" -> "85414910". Returns null when the text is not an HS code. */
export function normalizeHs(code: string): string | null {
  const digits = code.trim().replace(/[.\s]/g, '');
  return HS_CODE_PATTERN.test(digits) ? digits : null;
}

/** "420221" -> "4202.21"; "9503000073" -> "9503.00.00.73" (the way HTS prints codes). */
export function formatHs(code: string): string {
  if (code.length <= 4) return code;
  const parts = [code.slice(0, 4)];
  for (let i = 4; i < code.length; i += 2) parts.push(code.slice(i, i + 2));
  return parts.join('.');
}
