/**
 * Times to decision as a mergeable histogram, so that a median can be kept incrementally and
 * combined across groups and months. Buckets grow by 5 % (bucket 0: under a second); each keeps
 * its count and the sum of its values, and a rank falls on the mean of its bucket. The median
 * is therefore exact whenever the values at the middle ranks share their bucket with no
 * different value (every small set the tests use), and otherwise within the bucket's width: at
 * most 5 % off (1 s for values under a second), in practice far less since the bucket mean sits
 * among its values.
 */
export const DURATION_BUCKET_RATIO = 1.05;

/** bucket → [count, sum of seconds] */
export type Durations = Record<string, [number, number]>;

const LOG_RATIO = Math.log(DURATION_BUCKET_RATIO);

export function durationBucket(seconds: number): number {
  return seconds < 1 ? 0 : 1 + Math.floor(Math.log(seconds) / LOG_RATIO);
}

/** SQL for the same bucket of a number of seconds (for backfills), e.g. `durationBucketSql('x')` */
export const durationBucketSql = (seconds: string): string =>
  `(CASE WHEN ${seconds} < 1 THEN 0 ELSE 1 + floor(ln(${seconds}) / ln(${DURATION_BUCKET_RATIO})) END)::integer`;

/** Adds `sign` × (one value, or a whole histogram) into `into`; empty buckets disappear. */
export function addDurations(into: Durations, from: Durations, sign = 1): Durations {
  for (const [bucket, [count, sum]] of Object.entries(from)) {
    const [c, s] = into[bucket] ?? [0, 0];
    const next: [number, number] = [c + sign * count, s + sign * sum];
    if (next[0] === 0) delete into[bucket];
    else into[bucket] = next;
  }
  return into;
}

export const oneDuration = (seconds: number): Durations => ({
  [durationBucket(seconds)]: [1, seconds],
});

/** percentile_cont(0.5) over the histogram: the middle rank, or the mean of the two middle ones */
export function medianOf(durations: Durations): number | null {
  const buckets = Object.entries(durations)
    .map(([bucket, [count, sum]]) => ({ bucket: Number(bucket), count, mean: sum / count }))
    .filter((b) => b.count > 0)
    .sort((a, b) => a.bucket - b.bucket);
  const total = buckets.reduce((n, b) => n + b.count, 0);
  if (total === 0) return null;
  const valueAt = (rank: number): number => {
    let seen = 0;
    for (const b of buckets) {
      seen += b.count;
      if (rank < seen) return b.mean;
    }
    return buckets[buckets.length - 1].mean;
  };
  return total % 2 === 1
    ? valueAt((total - 1) / 2)
    : (valueAt(total / 2 - 1) + valueAt(total / 2)) / 2;
}
