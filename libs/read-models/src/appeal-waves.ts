import type { Sql } from '@recourse/database';

/** Preceding windows whose average count is the baseline. */
export const BASELINE_WINDOWS = 24;
/** The baseline never counts as less than this many appeals per window: a first burst alerts. */
export const BASELINE_FLOOR = 1;

export interface AppealWaveRule {
  windowMs: number;
  minCases: number;
  factor: number;
}

export interface AppealWave {
  /** the authority that made the contested decisions (the one the appeals were filed with) */
  authorityId: string;
  decisionType: string;
  /** the latest window: (from, to], to being now */
  from: string;
  to: string;
  /** appeals filed in the window */
  count: number;
  /** average appeals per window over the BASELINE_WINDOWS windows before it */
  baseline: number;
  /** count / max(baseline, BASELINE_FLOOR): how many times the usual rate */
  factor: number;
}

/**
 * Appeal waves: per (authority, decision type), the appeals filed in the latest window
 * (now − window, now] against the average per window over the BASELINE_WINDOWS windows before
 * it. A wave is count ≥ minCases and count ≥ factor × max(baseline, BASELINE_FLOOR).
 * Most pronounced first.
 */
export async function appealWaves(db: Sql, rule: AppealWaveRule, now: Date): Promise<AppealWave[]> {
  const to = now;
  const from = new Date(to.getTime() - rule.windowMs);
  const baselineFrom = new Date(from.getTime() - BASELINE_WINDOWS * rule.windowMs);
  const { rows } = await db.query<{
    authority_id: string;
    decision_type: string;
    count: number;
    history: number;
  }>(
    `SELECT c.authorities[1] AS authority_id, c.decision_type,
            (count(*) FILTER (WHERE c.filed_at > $2::timestamptz))::integer AS count,
            (count(*) FILTER (WHERE c.filed_at <= $2::timestamptz))::integer AS history
       FROM cases c
      WHERE c.kind = 'appeal' AND c.decision_type IS NOT NULL
        AND c.filed_at > $1::timestamptz AND c.filed_at <= $3::timestamptz
      GROUP BY 1, 2`,
    [baselineFrom.toISOString(), from.toISOString(), to.toISOString()],
  );
  return rows
    .map((row) => {
      const baseline = row.history / BASELINE_WINDOWS;
      return {
        authorityId: row.authority_id,
        decisionType: row.decision_type,
        from: from.toISOString(),
        to: to.toISOString(),
        count: row.count,
        baseline,
        factor: row.count / Math.max(baseline, BASELINE_FLOOR),
      };
    })
    .filter((wave) => wave.count >= rule.minCases && wave.factor >= rule.factor)
    .sort((a, b) => b.factor - a.factor || a.authorityId.localeCompare(b.authorityId));
}
