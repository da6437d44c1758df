/** Calendar helpers for months written 'YYYY-MM' and quarters written 'YYYYQn'. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;

/** Earliest and latest years the hub accepts in a period. */
export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export function isMonth(value: string): boolean {
  const m = MONTH.exec(value);
  return m !== null && Number(m[1]) >= MIN_YEAR && Number(m[1]) <= MAX_YEAR;
}

export function isQuarter(value: string): boolean {
  const q = QUARTER.exec(value);
  return q !== null && Number(q[1]) >= MIN_YEAR && Number(q[1]) <= MAX_YEAR;
}

export function isYear(value: number): boolean {
  return Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR;
}

/** The first and last month of a quarter such as '2016Q3'. */
export function quarterMonths(quarter: string): { from: string; to: string } {
  const q = QUARTER.exec(quarter);
  if (!q) throw new Error(`not a quarter: ${quarter}`);
  const first = (Number(q[2]) - 1) * 3 + 1;
  return { from: `${q[1]}-${pad(first)}`, to: `${q[1]}-${pad(first + 2)}` };
}

/** The quarter ('YYYYQn') a month ('YYYY-MM') falls in. */
export function monthQuarter(month: string): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  return `${m[1]}Q${Math.floor((Number(m[2]) - 1) / 3) + 1}`;
}

/** The first day of a month as an ISO date, for SQL date comparisons. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** The month after `month`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
