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
  {
    id: '002-released-keys',
    sql: `
      -- a failed request's key stays, released: its retry keeps the request id (and so the ids
      -- of whatever the failed attempt may have appended after all)
      ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_state_check;
      ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_state_check
        CHECK (state IN ('in_flight', 'completed', 'released'));
    `,
  },
  {
    id: '003-claim-owner',
    sql: `
      -- the database session that claimed the key: a claim whose session is gone (its process
      -- died, or the server restarted) is taken over at once, without waiting for the lease
      ALTER TABLE idempotency_keys ADD COLUMN owner_pid integer;
    `,
  },
];
