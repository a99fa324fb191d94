import type { Sql } from '@recourse/database';
import type { AppealWaveDetected } from '@recourse/domain';

/** Preceding windows whose average count is the baseline. */
export const BASELINE_WINDOWS = 24;
/** The baseline never counts as less than this many appeals per window: a first burst alerts. */
export const BASELINE_FLOOR = 1;

export interface AppealWaveRule {
  windowMs: number;
  minCases: number;
  factor: number;
}

/**
 * A wave as counted now: the window is (from, to], to being now; the baseline averages the
 * BASELINE_WINDOWS windows before it, never below BASELINE_FLOOR. Recorded as AppealWaveDetected.
 */
export type AppealWave = AppealWaveDetected['data'];

const MINUTE = 60_000;

/**
 * Where the appeals filed in (after, until] are counted: appeal_filings for the whole minutes
 * inside (`minutes`, a condition on f.minute), the cases table by its filed_at index for the
 * parts of a minute at either edge (`edges`, a condition on c.filed_at).
 */
function filedIn(after: Date, until: Date, param: (value: unknown) => string) {
  const firstMinute = Math.ceil((after.getTime() + 1) / MINUTE) * MINUTE;
  const endMinute = Math.floor((until.getTime() + 1) / MINUTE) * MINUTE;
  const instant = (ms: number) => `${param(new Date(ms).toISOString())}::timestamptz`;
  const [a, b] = [instant(after.getTime()), instant(until.getTime())];
  if (firstMinute >= endMinute) return { edges: `(c.filed_at > ${a} AND c.filed_at <= ${b})` };
  const [first, end] = [instant(firstMinute), instant(endMinute)];
  return {
    minutes: `f.minute >= ${first} AND f.minute < ${end}`,
    edges: `(c.filed_at > ${a} AND c.filed_at < ${first} OR c.filed_at >= ${end} AND c.filed_at <= ${b})`,
  };
}

/**
 * Appeal waves: per (authority, decision type), the appeals filed in the latest window
 * (now − window, now] against the average per window over the BASELINE_WINDOWS windows before
 * it. A wave is count ≥ minCases and count ≥ factor × max(baseline, BASELINE_FLOOR).
 * Most pronounced first. Counted from appeal_filings (counts.migration.ts): a few rows per
 * authority and decision type, whatever the history.
 */
export async function appealWaves(db: Sql, rule: AppealWaveRule, now: Date): Promise<AppealWave[]> {
  const to = now;
  const from = new Date(to.getTime() - rule.windowMs);
  const baselineFrom = new Date(from.getTime() - BASELINE_WINDOWS * rule.windowMs);
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const current = filedIn(from, to, param);
  const history = filedIn(baselineFrom, from, param);
  const parts = [
    current.minutes &&
      `SELECT f.authority_id, f.decision_type, f.filings, 0
         FROM appeal_filings f WHERE ${current.minutes}`,
    history.minutes &&
      `SELECT f.authority_id, f.decision_type, 0, f.filings
         FROM appeal_filings f WHERE ${history.minutes}`,
    `SELECT c.authorities[1], c.decision_type, ${current.edges}::int, ${history.edges}::int
       FROM cases c
      WHERE c.kind = 'appeal' AND c.decision_type IS NOT NULL
        AND (${current.edges} OR ${history.edges})`,
  ].filter(Boolean);
  const { rows } = await db.query<{
    authority_id: string;
    decision_type: string;
    count: number;
    history: number;
  }>(
    `SELECT authority_id, decision_type, sum(count)::integer AS count, sum(history)::integer AS history
       FROM (${parts.join(' UNION ALL ')}) AS counted (authority_id, decision_type, count, history)
      GROUP BY 1, 2`,
    params,
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
