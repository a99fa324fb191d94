import type { Sql } from '@recourse/database';
import { namedCheckpoint } from '@recourse/event-store';

/** The notifier's place in the log, advanced in the transaction of what it wrote. */
export const notifierCheckpoint = namedCheckpoint('notification_checkpoint', 'notifier');

export interface NotificationRow {
  id: string;
  recipientId: string;
  caseId: string | null;
  type: string;
  text: string;
  at: string;
  email: boolean;
}

export async function insertNotifications(tx: Sql, rows: NotificationRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO notifications (id, recipient_id, case_id, type, text, at, email)
     SELECT id, "recipientId", "caseId", type, text, at, email FROM jsonb_to_recordset($1::jsonb)
       AS r(id uuid, "recipientId" text, "caseId" uuid, type text, text text, at timestamptz, email boolean)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

export type Channel = 'webhook' | 'email';

export interface DeliveryRow {
  /** the webhook-id (the same on every attempt), or the e-mail's id */
  id: string;
  channel: Channel;
  subscriptionId: string | null;
  notificationId: string | null;
  eventType: string;
  /** the webhook body; null for e-mail (its text is the notification's) */
  body: unknown;
}

export async function insertDeliveries(tx: Sql, rows: DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO deliveries (id, channel, subscription_id, notification_id, event_type, body)
     SELECT id, channel, "subscriptionId", "notificationId", "eventType", body
       FROM jsonb_to_recordset($1::jsonb)
       AS r(id text, channel text, "subscriptionId" uuid, "notificationId" uuid, "eventType" text, body jsonb)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
}

export async function pendingDeliveryIds(db: Sql): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM deliveries WHERE status = 'pending' ORDER BY created_at, id`,
  );
  return rows.map((row) => row.id);
}
