/** A financial year, "2025-26": April 2025 to March 2026, the year councils and boards plan and report in. */
export const FINANCIAL_YEAR = /^(\d{4})-(\d{2})$/;

/** The financial year's first and last London days, or null when the text is not one ("2025-27", "2025"). */
export function financialYear(period: string): { from: string; to: string } | null {
  const m = FINANCIAL_YEAR.exec(period);
  if (!m) return null;
  const first = Number(m[1]);
  if ((first + 1) % 100 !== Number(m[2])) return null;
  return { from: `${first}-04-01`, to: `${first + 1}-03-31` };
}

/** The financial year a London day falls in. */
export function financialYearOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  const first = m >= 4 ? y : y - 1;
  return `${first}-${String((first + 1) % 100).padStart(2, '0')}`;
}
