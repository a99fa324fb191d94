import type { Sql } from '@recourse/database';

/**
 * Cases of the read model with a deadline that falls due by `until` and is not met, paused or
 * recorded missed, or a decided case whose escalation window ends by then. The read model keeps
 * no revision for the current deadlines, so a recorded miss is matched by kind and due time;
 * the caller reads the stream for the revision that names the deadline.
 */
export async function casesWithDeadlinesDueBy(
  db: Sql,
  until: Date,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id::text AS id FROM cases c
     WHERE (c.status IN ('filed', 'escalated') AND c.acknowledge_by <= $1
            AND NOT ${recordedMissed('acknowledge', 'c.acknowledge_by')})
        OR (c.status IN ('filed', 'acknowledged', 'under_review', 'escalated')
            AND c.paused_since IS NULL AND c.respond_by <= $1
            AND NOT ${recordedMissed('respond', 'c.respond_by')})
        OR (c.status = 'decided' AND (c.decision ->> 'escalationWindowEndsAt')::timestamptz <= $1)
     ORDER BY c.effective_deadline, c.id
     LIMIT $2`,
    [until.toISOString(), limit],
  );
  return rows.map((row) => row.id);
}

const recordedMissed = (kind: 'acknowledge' | 'respond', due: string): string =>
  `EXISTS (SELECT 1 FROM jsonb_array_elements(c.missed_deadlines) m
           WHERE m ->> 'deadline' = '${kind}' AND (m ->> 'due')::timestamptz = ${due})`;
