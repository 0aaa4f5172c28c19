/**
 * The series of issue numbers over time: numbers grow with the date, from n° 1 (1 November
 * 1912) to the 7300s (2024), weekly until the 1990s and about twice a week since. The French
 * edition reuses numbers of Arabic issues of the same weeks, so one series serves both. An
 * issue whose number and date are years apart from the series has one of them misread.
 */
import { daysBetween, parseIsoDate, toIsoDate } from './calendars.js';

/** Issues whose number and date are known (docs/bo-format-notes.md gives their sources), in number order. */
export const SERIES_ANCHORS: readonly { number: number; date: string }[] = [
  { number: 1, date: '1912-11-01' },
  { number: 2404, date: '1958-11-27' },
  { number: 3220, date: '1974-07-17' },
  { number: 4225, date: '1993-10-20' },
  { number: 5670, date: '2008-10-02' },
  { number: 5978, date: '2011-09-15' },
  { number: 6280, date: '2014-08-07' },
  { number: 7336, date: '2024-09-01' },
];

/** How far (days) an issue's date may be from the series' date for its number: the pace varied between anchors. */
export const SERIES_TOLERANCE_DAYS = 2 * 365;

const DAY_MS = 86_400_000;

/** The date the series puts an issue number on, interpolated between anchors (extrapolated past the last). */
export function seriesDate(number: number): string {
  const found = SERIES_ANCHORS.findIndex((a) => a.number >= number);
  // Past the last anchor the last pace goes on; before the second, the first pace.
  const next = found < 0 ? SERIES_ANCHORS.length - 1 : Math.max(found, 1);
  const [a, b] = [SERIES_ANCHORS[next - 1]!, SERIES_ANCHORS[next]!];
  const days = (daysBetween(a.date, b.date) * (number - a.number)) / (b.number - a.number);
  return toIsoDate(new Date(parseIsoDate(a.date).getTime() + Math.round(days) * DAY_MS));
}

/** The last year an issue of the archive can be of: numbers beyond the series then are misread. */
export const SERIES_LAST_YEAR = 2030;

/**
 * Why an issue's number and date contradict the series, or null when they fit it. Without a
 * date, a number the series cannot have reached by {@link SERIES_LAST_YEAR} contradicts it.
 *
 * @example seriesContradiction('2015', '2015-04-16') // 'n° 2015 dated 2015-04-16 contradicts the series …'
 */
export function seriesContradiction(number: string, date: string | null): string | null {
  const expected = seriesDate(Number(number));
  if (date === null) {
    return isBeyondSeries(number)
      ? `n° ${number} is beyond the series (its numbers reach about n° ${seriesNumber(`${SERIES_LAST_YEAR}-12-31`)} by ${SERIES_LAST_YEAR}): the number is misread`
      : null;
  }
  if (Math.abs(daysBetween(expected, date)) <= SERIES_TOLERANCE_DAYS) return null;
  return `n° ${number} dated ${date} contradicts the series (an issue of that number is of about ${expected.slice(0, 4)}): the number or the date is misread`;
}

/** Whether the series cannot reach `number` by {@link SERIES_LAST_YEAR}: no issue bears it, it is misread. */
export function isBeyondSeries(number: string): boolean {
  return Number(seriesDate(Number(number)).slice(0, 4)) > SERIES_LAST_YEAR;
}

/** The issue number the series puts on a date (the inverse of {@link seriesDate}), rounded. */
export function seriesNumber(date: string): number {
  const found = SERIES_ANCHORS.findIndex((a) => a.date >= date);
  const next = found < 0 ? SERIES_ANCHORS.length - 1 : Math.max(found, 1);
  const [a, b] = [SERIES_ANCHORS[next - 1]!, SERIES_ANCHORS[next]!];
  return Math.round(
    a.number + ((b.number - a.number) * daysBetween(a.date, date)) / daysBetween(a.date, b.date),
  );
}

/** How far (days) from the series a repaired number must fall: closer than any unrepaired one need. */
export const REPAIR_TOLERANCE_DAYS = 365;

/**
 * The one number a single misread figure away from `number` (same length: `9393` for `2393`)
 * that the series puts within {@link REPAIR_TOLERANCE_DAYS} of `date`; null when none or more
 * than one does, or when `number` fits the series already.
 *
 * @example seriesRepair('9393', '1958-09-05') // '2393'
 */
export function seriesRepair(number: string, date: string): string | null {
  if (!seriesContradiction(number, date)) return null;
  const fits: string[] = [];
  for (let at = 0; at < number.length; at++) {
    for (const figure of '0123456789') {
      const candidate = `${number.slice(0, at)}${figure}${number.slice(at + 1)}`;
      if (candidate === number || candidate.startsWith('0')) continue;
      if (Math.abs(daysBetween(seriesDate(Number(candidate)), date)) <= REPAIR_TOLERANCE_DAYS)
        fits.push(candidate);
    }
  }
  return fits.length === 1 ? fits[0]! : null;
}
