import type { Migration } from '@recourse/database';

/**
 * Fills case_stints from the cases and the timeline (CaseFiled, CaseEscalated and DecisionIssued
 * rows), for deployments that projected events before the table existed. Exact except for the
 * deadline of a decision the case has since been escalated past, which the cases row no longer
 * keeps: NULL, which leaves that decision out of the on-time rate. A rebuild fills it exactly.
 */
export const BACKFILL_CASE_STINTS = `
  WITH received AS (
    SELECT t.case_id, t.revision,
           (row_number() OVER stints - 1)::integer AS seq,
           CASE t.type WHEN 'CaseFiled' THEN t.summary->>'authorityId'
                       ELSE t.summary->>'toAuthorityId' END AS authority_id,
           (t.summary->>'level')::integer AS level,
           t.occurred_at AS received_at,
           lead(t.occurred_at) OVER stints AS escalated_at,
           lead(t.revision) OVER stints AS until_revision
      FROM case_timeline t
     WHERE t.type IN ('CaseFiled', 'CaseEscalated')
    WINDOW stints AS (PARTITION BY t.case_id ORDER BY t.revision)
  )
  INSERT INTO case_stints
  SELECT DISTINCT ON (r.case_id, r.seq)
         r.case_id, r.seq, r.authority_id, r.level, r.received_at,
         CASE WHEN d.revision IS NOT NULL AND r.seq = c.escalation_count THEN c.respond_by END,
         d.summary->>'outcome', d.occurred_at, r.escalated_at
    FROM received r
    JOIN cases c ON c.id = r.case_id
    LEFT JOIN case_timeline d
      ON d.case_id = r.case_id AND d.type = 'DecisionIssued' AND d.revision > r.revision
     AND (r.until_revision IS NULL OR d.revision < r.until_revision)
   ORDER BY r.case_id, r.seq, d.revision DESC`;

/**
 * case_stints: one row per authority that held a case (seq 0 = the authority it was filed with,
 * seq n = the one it reached by its n-th escalation). The cases row forgets a decision when the
 * case moves up (it belongs to the authority the case left), so outcome statistics per authority
 * need rows of their own: what each authority received, what it decided by which deadline, and
 * whether the case left it by escalation.
 */
export const AUTHORITY_STINTS_MIGRATION: Migration = {
  id: '002-case-stints',
  sql: `
    CREATE TABLE case_stints (
      case_id uuid NOT NULL,
      seq integer NOT NULL,
      authority_id text NOT NULL,
      level integer NOT NULL,
      received_at timestamptz NOT NULL,
      -- the response deadline in force when the authority decided
      respond_by timestamptz,
      outcome text,
      decided_at timestamptz,
      -- set when the case left this authority by escalation
      escalated_at timestamptz,
      PRIMARY KEY (case_id, seq)
    );
    CREATE INDEX case_stints_received_idx ON case_stints (received_at, authority_id);
    -- appeal waves count recent filings
    CREATE INDEX cases_appeals_filed_idx ON cases (filed_at) WHERE kind = 'appeal';
    ${BACKFILL_CASE_STINTS};
  `,
};
