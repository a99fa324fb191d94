import type { Sql } from '@recourse/database';
import { OUTCOMES, type Outcome } from '@recourse/domain';
import { isOpenSql } from './open-statuses';

export const STATS_GROUPINGS = ['authority', 'decisionType', 'automation', 'month'] as const;
export type StatsGrouping = (typeof STATS_GROUPINGS)[number];

export interface OutcomeStatsFilter {
  /** received by the authority at or after (inclusive) */
  from?: Date;
  /** received before (exclusive) */
  to?: Date;
  authorityId?: string;
  groupBy: StatsGrouping;
  /** decides "overdue" */
  now: Date;
}

export interface OutcomeStatsGroup {
  /** the authority id, decision type, automation or UTC month (yyyy-mm); null: petitions */
  key: string | null;
  /** cases the authority received (filed with it or escalated to it) */
  total: number;
  decided: number;
  byOutcome: Record<Outcome, number>;
  /** (overturned + partially_overturned) / decided; null when nothing was decided */
  overturnRate: number | null;
  /** decided on or before the response deadline / decided with a response deadline */
  onTimeRate: number | null;
  /** from receipt to decision */
  medianSecondsToDecision: number | null;
  /** still with this authority and waiting on it */
  open: number;
  /** open and past the deadline the authority works against */
  overdue: number;
  /** left this authority by escalation */
  escalated: number;
}

const GROUP_KEY: Record<StatsGrouping, string> = {
  authority: 's.authority_id',
  decisionType: 'c.decision_type',
  automation: 'c.automation',
  month: `to_char(s.received_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
};

const OPEN = isOpenSql('c.status');
/** the stint is the case's current one, and the case waits on its authority */
const STILL_OPEN = `s.seq = c.escalation_count AND ${OPEN}`;

/**
 * Outcome and deadline statistics over authority stints (case_stints: one per authority that held
 * a case) received in [from, to), so that each authority answers for what it held: a case
 * escalated from A to B counts for both, its decisions for the authority that made them.
 */
export async function outcomeStats(
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
