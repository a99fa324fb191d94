import { randomBytes, randomUUID } from 'node:crypto';
import type { Sql } from '@recourse/database';

export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  authorityId: string | null;
  createdBy: string;
  createdAt: string;
}

interface SubscriptionRow {
  id: string;
  url: string;
  events: string[];
  authority_id: string | null;
  secret: string;
  created_by: string;
  created_at: Date | string;
}

const toSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  events: row.events,
  authorityId: row.authority_id,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
});

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export async function createSubscription(
  db: Sql,
  input: { url: string; events: string[]; authorityId?: string; createdBy: string },
): Promise<{ id: string; secret: string }> {
  const id = randomUUID();
  const secret = newSecret();
  await db.query(
    `INSERT INTO webhook_subscriptions (id, url, events, authority_id, secret, created_by)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, input.url, input.events, input.authorityId ?? null, secret, input.createdBy],
  );
  return { id, secret };
}

export async function listSubscriptions(db: Sql): Promise<WebhookSubscription[]> {
  const { rows } = await db.query<SubscriptionRow>(
    'SELECT * FROM webhook_subscriptions ORDER BY created_at, id',
  );
  return rows.map(toSubscription);
}

/** Whether a subscription was removed (false: there was none with that id). */
export async function deleteSubscription(db: Sql, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM webhook_subscriptions WHERE id = $1', [id]);
  return rowCount > 0;
}

/** A subscription with its signing secret, for the sender. */
export async function subscriptionWithSecret(
  db: Sql,
  id: string,
): Promise<(WebhookSubscription & { secret: string }) | undefined> {
  const { rows } = await db.query<SubscriptionRow>(
    'SELECT * FROM webhook_subscriptions WHERE id = $1',
    [id],
  );
  return rows[0] ? { ...toSubscription(rows[0]), secret: rows[0].secret } : undefined;
}

export interface DeliveryLogEntry {
  id: string;
  channel: string;
  eventType: string;
  status: string;
  attempts: {
    attempt: number;
    at: string;
    outcome: string;
    statusCode: number | null;
    error: string | null;
  }[];
  createdAt: string;
}

/** The deliveries to one subscription, newest first, with every attempt. */
export async function deliveryLog(
  db: Sql,
  subscriptionId: string,
  limit: number,
): Promise<DeliveryLogEntry[]> {
  const { rows } = await db.query<{
    id: string;
    channel: string;
    event_type: string;
    status: string;
    created_at: Date | string;
    attempts: DeliveryLogEntry['attempts'] | null;
  }>(
    `SELECT d.id, d.channel, d.event_type, d.status, d.created_at,
            (SELECT jsonb_agg(jsonb_build_object('attempt', a.attempt, 'at', a.at, 'outcome', a.outcome,
                     'statusCode', a.status_code, 'error', a.error) ORDER BY a.at)
               FROM delivery_attempts a WHERE a.delivery_id = d.id) AS attempts
       FROM deliveries d WHERE d.subscription_id = $1
      ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
    [subscriptionId, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    eventType: row.event_type,
    status: row.status,
    attempts: (row.attempts ?? []).map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    createdAt: new Date(row.created_at).toISOString(),
  }));
}
