import { describe, expect, it } from 'vitest';
import {
  isBeyondSeries,
  SERIES_ANCHORS,
  seriesContradiction,
  seriesDate,
  seriesNumber,
  seriesRepair,
} from './bulletin-series.js';

describe('the series of issue numbers', () => {
  it('puts each anchor on its own date and numbers between them in between', () => {
    for (const { number, date } of SERIES_ANCHORS) expect(seriesDate(number)).toBe(date);
    const mid = seriesDate(5000);
    expect(mid > '1993-10-20' && mid < '2008-10-02').toBe(true);
    expect(seriesDate(7500).slice(0, 4)).toBe('2026');
  });

  it('flags a number and a date years apart: a date-shaped file name taken for a number', () => {
    expect(seriesContradiction('2015', '2015-04-16')).toMatch(/about 195\d/);
    expect(seriesContradiction('6362', '2015-06-04')).toBeNull();
    expect(seriesContradiction('3220', '1974-07-17')).toBeNull();
  });
});

describe('numbers beyond the series', () => {
  it('flags a number no issue can have, when there is no date to check it by', () => {
    expect(seriesContradiction('32348', null)).toMatch(/beyond the series/);
    expect(seriesContradiction('2378', null)).toBeNull();
    expect(seriesNumber('2008-10-02')).toBe(5670);
  });
});

describe('repairs by the series', () => {
  it('takes the one number a misread figure away that the series puts on the date', () => {
    expect(seriesRepair('9393', '1958-09-05')).toBe('2393');
    // A number that fits needs no repair; one no single figure repairs gets none.
    expect(seriesRepair('2393', '1958-09-05')).toBeNull();
    expect(seriesRepair('32348', '1958-05-23')).toBeNull();
    expect(isBeyondSeries('32348')).toBe(true);
    expect(isBeyondSeries('7336')).toBe(false);
  });
});
