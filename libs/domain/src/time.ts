import { invalid } from './core';

/**
 * Instant and ISO 8601 duration arithmetic without a clock: every value comes from a command.
 * Instants are RFC 3339 date-times (or bare dates, read as UTC midnight); results are UTC (`…Z`).
 */

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$/i;

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * Date.parse rolls 2025-02-30 over to March; a typo in a validity date must not. Reads the
 * pattern's groups in place: instants are parsed several times per read request (issue 20).
 */
const isCalendarValid = (parts: RegExpExecArray) => {
  const month = Number(parts[2]);
  const day = Number(parts[3]);
  // The time groups match together or not at all.
  const timed = parts[4] !== undefined;
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(Number(parts[1]), month - 1) &&
    (!timed || (Number(parts[4]) < 24 && Number(parts[5]) < 60 && Number(parts[6]) < 60))
  );
};

/**
 * Instants read lately and what they parsed to. A read request judges the same stored instants
 * (issuance, validity, each change, each ruleset activation) again every time, about ten per
 * status request (issue 20); a hit is one map lookup. Only valid instants are kept, so a refusal
 * always names its own field. Emptied when full: a bound, not a recency order.
 */
const readInstants = new Map<string, number>();
export const READ_INSTANTS_CAPACITY = 4_096;

/** Milliseconds since the epoch; throws `time.invalid-instant` naming the field. */
export const instantMs = (value: string, field = 'instant'): number => {
  const known = readInstants.get(value);
  if (known !== undefined) return known;
  const parts = RFC3339.exec(value);
  const ms = parts && isCalendarValid(parts) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw invalid('time.invalid-instant', `${field} is not an RFC 3339 instant`, { field, value });
  if (readInstants.size >= READ_INSTANTS_CAPACITY) readInstants.clear();
  readInstants.set(value, ms);
  return ms;
};

export const isBefore = (a: string, b: string): boolean => instantMs(a) < instantMs(b);

export type Duration = Readonly<{
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}>;

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Parses `PnYnMnWnDTnHnMnS` (non-negative; fractions only on seconds); throws `time.invalid-duration`. */
export const parseDuration = (text: string): Duration => {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) {
    throw invalid('time.invalid-duration', `${text} is not an ISO 8601 duration`, { value: text });
  }
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((n) => Number(n ?? 0));
  return { years, months, weeks, days, hours, minutes, seconds };
};

export const isDuration = (text: string): boolean =>
  DURATION.test(text) && text !== 'P' && !text.endsWith('T');

/**
 * Calendar arithmetic in UTC: years and months first, clamping to the month's last day
 * (2024-01-31 + P1M = 2024-02-29, 2024-02-29 + P1Y = 2025-02-28), then the fixed-length parts.
 */
export const addDuration = (instant: string, duration: string): string => {
  const d = parseDuration(duration);
  const start = new Date(instantMs(instant));
  const monthIndex = start.getUTCMonth() + d.months + 12 * d.years;
  const year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const day = Math.min(start.getUTCDate(), daysInMonth(year, month));
  const calendar = Date.UTC(
    year,
    month,
    day,
    start.getUTCHours(),
    start.getUTCMinutes(),
    start.getUTCSeconds(),
    start.getUTCMilliseconds(),
  );
  const fixedMs = ((((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
  return new Date(calendar + fixedMs).toISOString();
};
