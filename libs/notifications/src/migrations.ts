import { migrate, type Database } from '@recourse/database';

export const NOTIFICATIONS_COMPONENT = 'notifications';

export const NOTIFICATION_MIGRATIONS = [
  {
    id: '001-notifications',
    sql: `
      -- the last event the notifier turned into notifications; moves in the same transaction
      CREATE TABLE notification_checkpoint (
        name text PRIMARY KEY,
        commit numeric(20) NOT NULL,
        prepare numeric(20) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      -- the in-app inbox: one row per recipient and fact (id derived from both)
      CREATE TABLE notifications (
        id uuid PRIMARY KEY,
        recipient_id text NOT NULL,
        case_id uuid,
        type text NOT NULL,
        text text NOT NULL,
        at timestamptz NOT NULL,
        read boolean NOT NULL DEFAULT false,
        email boolean NOT NULL DEFAULT false
      );
      CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, at DESC, id DESC);
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        events text[] NOT NULL,
        authority_id text,
        secret text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- every message handed to a channel (webhook or e-mail), its state, and each attempt
      CREATE TABLE deliveries (
        id text PRIMARY KEY,
        channel text NOT NULL,
        subscription_id uuid,
        notification_id uuid,
        event_type text NOT NULL,
        body jsonb,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX deliveries_pending_idx ON deliveries (created_at) WHERE status = 'pending';
      CREATE INDEX deliveries_subscription_idx ON deliveries (subscription_id, created_at DESC);
      CREATE TABLE delivery_attempts (
        delivery_id text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL,
        status_code integer,
        error text,
        PRIMARY KEY (delivery_id, attempt, at)
      );
      -- waves of appeals: the last time the alert rule held per authority and decision type
      CREATE TABLE appeal_wave_watch (
        authority_id text NOT NULL,
        decision_type text NOT NULL,
        last_held_at timestamptz NOT NULL,
        PRIMARY KEY (authority_id, decision_type)
      );
      -- AppealWaveDetected facts, as GET /v1/alerts lists them
      CREATE TABLE appeal_wave_alerts (
        event_id uuid PRIMARY KEY,
        authority_id text NOT NULL,
        decision_type text NOT NULL,
        window_from timestamptz NOT NULL,
        window_to timestamptz NOT NULL,
        count integer NOT NULL,
        baseline double precision NOT NULL,
        factor double precision NOT NULL
      );
      CREATE INDEX appeal_wave_alerts_to_idx ON appeal_wave_alerts (window_to DESC, event_id);
    `,
  },
];

export function migrateNotifications(db: Database): Promise<void> {
  return migrate(db, NOTIFICATIONS_COMPONENT, NOTIFICATION_MIGRATIONS);
}
