/** Calendar dates of an issue (yyyy-mm-dd), as Dates at 00:00 UTC. */

/**
 * The date y-m-d at 00:00 UTC, or undefined when there is no such day (2023-02-29).
 * `Date.UTC` cannot be used: it reads a year 0–99 as 1900–1999, so 0000-02-29, a leap day of
 * the proleptic Gregorian calendar, became 1900-02-29, which does not exist.
 */
export function calendarDate(iso: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(date.getTime()) || date.toISOString().slice(-24, -14) !== iso ? undefined : date;
}
