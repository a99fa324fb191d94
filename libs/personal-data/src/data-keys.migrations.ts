import type { Migration } from '@recourse/database';

export const DATA_KEYS_COMPONENT = 'personal-data';

export const DATA_KEYS_MIGRATIONS: Migration[] = [
  {
    id: '001-data-keys',
    sql: `
      -- one data key per citizen (subject) at a time, wrapped by RECOURSE_KEK; erasure sets
      -- wrapped to NULL, after which everything sealed under the key is unreadable for good.
      -- Not derived from events: a read-model rebuild never touches it.
      CREATE TABLE personal_data_keys (
        kid          text        PRIMARY KEY,
        subject      text        NOT NULL,
        wrapped      text,
        created_at   timestamptz NOT NULL,
        destroyed_at timestamptz,
        CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
      );
      CREATE UNIQUE INDEX personal_data_keys_active ON personal_data_keys (subject)
        WHERE destroyed_at IS NULL;
    `,
  },
  {
    id: '002-data-keys-by-subject',
    sql: `
      -- every key of a subject, destroyed ones too: a case view reads its owner's keys with the
      -- case (wrappedKeysOf), and an erasure lists the subject's keys
      CREATE INDEX personal_data_keys_subject ON personal_data_keys (subject);
    `,
  },
];
