import { describe, expect, it } from 'vitest';
import { SERIES_ANCHORS, seriesContradiction, seriesDate, seriesNumber } from './bulletin-series.js';

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
