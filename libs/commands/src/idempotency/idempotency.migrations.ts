import type { Migration } from '@recourse/database';

export const IDEMPOTENCY_COMPONENT = 'idempotency';

export const IDEMPOTENCY_MIGRATIONS: Migration[] = [
  {
    id: '001-idempotency-keys',
    sql: `
      CREATE TABLE idempotency_keys (
        caller_id    text        NOT NULL,
        key          text        NOT NULL,
        fingerprint  text        NOT NULL,
        -- seeds the ids the request generates; kept when a retry takes over an abandoned claim
        request_id   uuid        NOT NULL,
        state        text        NOT NULL CHECK (state IN ('in_flight', 'completed')),
        status_code  integer,
        headers      jsonb,
        body         jsonb,
        created_at   timestamptz NOT NULL,
        locked_until timestamptz NOT NULL,
        expires_at   timestamptz NOT NULL,
        PRIMARY KEY (caller_id, key)
      );
      CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
    `,
  },
];
