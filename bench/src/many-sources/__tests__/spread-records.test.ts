import { spreadRecords } from '../spread-records';

describe('spreadRecords', () => {
  it('shares the total evenly and keeps every record', () => {
    expect(spreadRecords(3000, 3)).toEqual([1000, 1000, 1000]);
    const thirty = spreadRecords(100_000, 30);
    expect(thirty).toHaveLength(30);
    expect(thirty.reduce((a, b) => a + b, 0)).toBe(100_000);
    expect(Math.max(...thirty) - Math.min(...thirty)).toBe(1);
  });

  it('gives the remainder to the first sources, one record each', () => {
    expect(spreadRecords(3002, 3)).toEqual([1001, 1001, 1000]);
    expect(spreadRecords(10, 10)).toEqual(Array(10).fill(1));
  });

  it('refuses a total smaller than one record per source, naming both', () => {
    expect(() => spreadRecords(9, 10)).toThrow(/at least one per source \(10\), got 9/);
    expect(() => spreadRecords(1000.5, 3)).toThrow(/whole number/);
  });

  it('refuses a count of sources that is not a whole number of at least one', () => {
    expect(() => spreadRecords(1000, 0)).toThrow(/sources must be a whole number ≥ 1, got 0/);
    expect(() => spreadRecords(1000, 2.5)).toThrow(/got 2.5/);
  });
});
