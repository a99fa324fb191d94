import fc from 'fast-check';
import { addDurations, durationBucket, medianOf, oneDuration, type Durations } from './durations';

const exactMedian = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
};

const histogram = (values: number[]): Durations =>
  values.reduce((h, v) => addDurations(h, oneDuration(v)), {} as Durations);

describe('durations histogram', () => {
  it('gives the exact median when the middle values are alone in their buckets', () => {
    expect(medianOf(histogram([2 * 3600, 30 * 3600, 4 * 3600]))).toBe(4 * 3600);
    expect(medianOf(histogram([4 * 3600, 5 * 3600]))).toBe(4.5 * 3600);
    expect(medianOf({})).toBeNull();
  });

  it('stays within a bucket width of the exact median (5 %, or 1 s under a second), whatever the values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const median = medianOf(histogram(values))!;
          const exact = exactMedian(values);
          expect(Math.abs(median - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.05) + 1e-9);
        },
      ),
    );
  });

  it('takes values out again: deltas are signed', () => {
    const h = histogram([10, 20, 30]);
    addDurations(h, oneDuration(20), -1);
    expect(medianOf(h)).toBe(20);
    addDurations(h, histogram([10, 30]), -1);
    expect(h).toEqual({});
  });

  it('puts every value in a bucket whose bounds hold it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e9, noNaN: true }), (seconds) => {
        const bucket = durationBucket(seconds);
        expect(1.05 ** (bucket - 1)).toBeLessThanOrEqual(seconds * (1 + 1e-12));
        expect(seconds).toBeLessThan(1.05 ** bucket * (1 + 1e-12));
      }),
    );
  });
});
