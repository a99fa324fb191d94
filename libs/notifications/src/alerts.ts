import type { Sql } from '@recourse/database';
import type { AppealWaveDetected } from '@recourse/domain';
import type { RecordedEvent } from '@recourse/event-store';

/** An AppealWaveDetected fact as GET /v1/alerts lists it: its event id and its data. */
export type RecordedWave = { id: string } & AppealWaveDetected['data'];

export async function insertAlerts(tx: Sql, alerts: readonly RecordedEvent[]): Promise<void> {
  if (alerts.length === 0) return;
  const rows = alerts.map((event) => ({
    id: event.id,
    ...(event.data as AppealWaveDetected['data']),
  }));
  await tx.query(
    `INSERT INTO appeal_wave_alerts
       (event_id, authority_id, decision_type, window_from, window_to, count, baseline, factor)
     SELECT id, "authorityId", "decisionType", "from", "to", count, baseline, factor
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, "authorityId" text, "decisionType" text,
            "from" timestamptz, "to" timestamptz, count integer, baseline float8, factor float8)
     ON CONFLICT (event_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

/** Every recorded wave, the latest first. */
export async function listAlerts(db: Sql, limit = 500): Promise<RecordedWave[]> {
  const { rows } = await db.query<{
    event_id: string;
    authority_id: string;
    decision_type: string;
    window_from: Date | string;
    window_to: Date | string;
    count: number;
    baseline: number;
    factor: number;
  }>(`SELECT * FROM appeal_wave_alerts ORDER BY window_to DESC, event_id LIMIT $1`, [limit]);
  return rows.map((row) => ({
    id: row.event_id,
    authorityId: row.authority_id,
    decisionType: row.decision_type,
    from: new Date(row.window_from).toISOString(),
    to: new Date(row.window_to).toISOString(),
    count: row.count,
    baseline: Number(row.baseline),
    factor: Number(row.factor),
  }));
}
