import { partitionOf } from './partition';

describe('partitionOf', () => {
  it('is stable and spreads case streams over every partition', () => {
    const streams = Array.from(
      { length: 400 },
      (_, i) => `case-${i.toString(16).padStart(8, '0')}`,
    );
    const counts = new Array<number>(4).fill(0);
    for (const stream of streams) counts[partitionOf(stream, 4)]++;
    expect(counts.every((count) => count > 60)).toBe(true);
    expect(streams.map((s) => partitionOf(s, 4))).toEqual(streams.map((s) => partitionOf(s, 4)));
    expect(partitionOf('case-abc', 1)).toBe(0);
  });
});
