import type { Sql } from '@recourse/database';
import { OUTCOMES } from '@recourse/domain';
import {
  BASELINE_FLOOR,
  BASELINE_WINDOWS,
  type AppealWave,
  type AppealWaveRule,
  type OutcomeStatsFilter,
  type OutcomeStatsGroup,
  type StatsGrouping,
} from '@recourse/read-models';

/**
 * The oracle of the counting tables: GET /v1/stats/outcomes and appeal-wave detection as they
 * were computed before they became projections, straight from case_stints and cases (every row,
 * every time). The projection must give the same answers.
 */
const OPEN = `c.status IN ('filed', 'acknowledged', 'under_review', 'awaiting_information', 'escalated')`;
const GROUP_KEY: Record<StatsGrouping, string> = {
  authority: 's.authority_id',
  decisionType: 'c.decision_type',
  automation: 'c.automation',
  month: `to_char(s.received_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
};

/** the stint is the case's current one, and the case waits on its authority */
const STILL_OPEN = `s.seq = c.escalation_count AND ${OPEN}`;
export async function referenceOutcomeStats(
  db: Sql,
  filter: OutcomeStatsFilter,
): Promise<OutcomeStatsGroup[]> {
  const params: unknown[] = [filter.now.toISOString()];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = ['true'];
  if (filter.from) where.push(`s.received_at >= ${param(filter.from.toISOString())}::timestamptz`);
  if (filter.to) where.push(`s.received_at < ${param(filter.to.toISOString())}::timestamptz`);
  if (filter.authorityId) where.push(`s.authority_id = ${param(filter.authorityId)}`);
  const key = GROUP_KEY[filter.groupBy];
  const { rows } = await db.query<{
    group: Omit<OutcomeStatsGroup, 'overturnRate' | 'onTimeRate'> & {
      withDeadline: number;
      onTime: number;
    };
  }>(
    `SELECT jsonb_build_object(
        'key', ${key},
        'total', count(*),
        'decided', count(s.decided_at),
        'byOutcome', jsonb_build_object(${OUTCOMES.map(
          (outcome) => `'${outcome}', count(*) FILTER (WHERE s.outcome = '${outcome}')`,
        ).join(', ')}),
        'withDeadline', count(*) FILTER (WHERE s.decided_at IS NOT NULL AND s.respond_by IS NOT NULL),
        'onTime', count(*) FILTER (WHERE s.decided_at <= s.respond_by),
        'medianSecondsToDecision', percentile_cont(0.5) WITHIN GROUP (
          ORDER BY extract(epoch FROM s.decided_at - s.received_at)),
        'open', count(*) FILTER (WHERE ${STILL_OPEN}),
        'overdue', count(*) FILTER (WHERE ${STILL_OPEN} AND c.effective_deadline <= $1::timestamptz),
        'escalated', count(s.escalated_at)
      ) AS group
       FROM case_stints s JOIN cases c ON c.id = s.case_id
      WHERE ${where.join(' AND ')}
      GROUP BY ${key}
      ORDER BY ${key} NULLS LAST`,
    params,
  );
  return rows.map(({ group }) => {
    const { withDeadline, onTime, ...counts } = group;
    const overturned = counts.byOutcome.overturned + counts.byOutcome.partially_overturned;
    return {
      ...counts,
      overturnRate: counts.decided > 0 ? overturned / counts.decided : null,
      onTimeRate: withDeadline > 0 ? onTime / withDeadline : null,
    };
  });
}
export async function referenceAppealWaves(
  db: Sql,
  rule: AppealWaveRule,
  now: Date,
): Promise<AppealWave[]> {
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
