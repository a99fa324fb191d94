import type { Migration } from '@recourse/database';

/**
 * Fills next_due for rows projected before the column existed: the sweep's query as it was
 * before, frozen here for this one pass. The projection writes it from the domain's
 * runningClocks from then on (test/projections/next-due.spec.ts holds the two together).
 */
export const BACKFILL_NEXT_DUE = `
  UPDATE cases c SET next_due = least(
    CASE WHEN c.status IN ('filed', 'escalated') AND NOT EXISTS (
           SELECT 1 FROM jsonb_array_elements(c.missed_deadlines) m
            WHERE m ->> 'deadline' = 'acknowledge' AND (m ->> 'due')::timestamptz = c.acknowledge_by)
         THEN c.acknowledge_by END,
    CASE WHEN c.status IN ('filed', 'acknowledged', 'under_review', 'escalated') AND NOT EXISTS (
           SELECT 1 FROM jsonb_array_elements(c.missed_deadlines) m
            WHERE m ->> 'deadline' = 'respond' AND (m ->> 'due')::timestamptz = c.respond_by)
         THEN c.respond_by END,
    CASE WHEN c.status = 'decided'
         THEN (c.decision ->> 'escalationWindowEndsAt')::timestamptz END,
    'infinity')`;

/**
 * cases.next_due: when the case's first running clock falls due (a deadline of its authority not
 * yet recorded missed, or the citizen's escalation window), so the reconciliation sweep finds
 * overdue cases by an index instead of restating in SQL which deadline runs in which status.
 */
export const NEXT_DUE_MIGRATION: Migration = {
  id: '004-next-due',
  sql: `
    ALTER TABLE cases ADD COLUMN next_due timestamptz NOT NULL DEFAULT 'infinity';
    ${BACKFILL_NEXT_DUE};
    CREATE INDEX cases_next_due_idx ON cases (next_due, id);
  `,
};
