import type { Migration } from '@recourse/database';

/**
 * cases.ended_at and cases.personal_data_erased, so that the reconciliation sweep finds the
 * ended cases whose personal data awaits retention by an index. Rows projected before are filled
 * from the timeline: ended when it closed or was withdrawn; erased when a PersonalDataErased
 * comes after every event that may carry personal data (the timeline's filing, answers,
 * evidence, escalation grounds and withdrawal; the notes).
 */
export const RETENTION_MIGRATION: Migration = {
  id: '010-retention',
  sql: `
    ALTER TABLE cases
      ADD COLUMN ended_at timestamptz,
      ADD COLUMN personal_data_erased boolean NOT NULL DEFAULT false;
    UPDATE cases c SET ended_at = (
        SELECT max(t.occurred_at) FROM case_timeline t
         WHERE t.case_id = c.id AND t.type IN ('CaseClosed', 'CaseWithdrawn'))
     WHERE c.status IN ('closed', 'withdrawn');
    UPDATE cases c SET personal_data_erased = true
     WHERE EXISTS (
       SELECT 1 FROM case_timeline e
        WHERE e.case_id = c.id AND e.type = 'PersonalDataErased'
          AND e.revision > coalesce(greatest(
            (SELECT max(t.revision) FROM case_timeline t
              WHERE t.case_id = c.id
                AND t.type IN ('CaseFiled', 'InformationProvided', 'EvidenceAdded',
                               'EscalationRequested', 'CaseWithdrawn')),
            (SELECT max(n.revision) FROM case_notes n WHERE n.case_id = c.id)), -1));
    CREATE INDEX cases_retention_idx ON cases (ended_at, id)
      WHERE ended_at IS NOT NULL AND NOT personal_data_erased;
  `,
};
