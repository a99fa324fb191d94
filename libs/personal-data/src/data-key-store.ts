import { randomUUID } from 'node:crypto';
import type { Database } from '@recourse/database';
import { newDataKey, unwrapKey, wrapKey } from './cipher';

export interface DataKey {
  kid: string;
  key: Buffer;
}

interface KeyRow {
  kid: string;
  wrapped: string | null;
}

/**
 * Citizens' data keys in the read-model database, wrapped by the key-encryption key. A key is
 * read from the database on every use (never cached), so an erasure in one process holds in
 * every other at once.
 */
export class DataKeyStore {
  constructor(
    private readonly db: Database,
    private readonly kek: Buffer,
  ) {}

  /** The subject's current key, created on first use (and again after an erasure). */
  async activeKey(subject: string, now: Date): Promise<DataKey> {
    for (;;) {
      const { rows } = await this.db.query<KeyRow>(
        'SELECT kid, wrapped FROM personal_data_keys WHERE subject = $1 AND destroyed_at IS NULL',
        [subject],
      );
      if (rows.length > 0) return this.unwrap(rows[0]);
      const kid = randomUUID();
      const key = newDataKey();
      const created = await this.db.query(
        `INSERT INTO personal_data_keys (kid, subject, wrapped, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (subject) WHERE destroyed_at IS NULL DO NOTHING`,
        [kid, subject, wrapKey(this.kek, kid, key), now.toISOString()],
      );
      if (created.rowCount === 1) return { kid, key };
      // another request created the subject's key meanwhile: read it
    }
  }

  /** The keys with these ids: a Buffer per live key, null per destroyed or unknown one. */
  async keysById(kids: readonly string[]): Promise<Map<string, Buffer | null>> {
    const found = new Map<string, Buffer | null>(kids.map((kid) => [kid, null]));
    if (kids.length === 0) return found;
    const { rows } = await this.db.query<KeyRow>(
      'SELECT kid, wrapped FROM personal_data_keys WHERE kid = ANY($1::text[]) AND wrapped IS NOT NULL',
      [kids],
    );
    for (const row of rows) found.set(row.kid, this.unwrap(row).key);
    return found;
  }

  /**
   * Destroys the subject's live key (if any) and returns the ids of all the subject's destroyed
   * keys, oldest first; undefined when the subject never had a key.
   */
  async destroy(subject: string, now: Date): Promise<string[] | undefined> {
    await this.db.query(
      `UPDATE personal_data_keys SET wrapped = NULL, destroyed_at = $2
        WHERE subject = $1 AND destroyed_at IS NULL`,
      [subject, now.toISOString()],
    );
    const { rows } = await this.db.query<{ kid: string }>(
      'SELECT kid FROM personal_data_keys WHERE subject = $1 ORDER BY created_at, kid',
      [subject],
    );
    return rows.length === 0 ? undefined : rows.map((row) => row.kid);
  }

  private unwrap(row: KeyRow): DataKey {
    return { kid: row.kid, key: unwrapKey(this.kek, row.kid, row.wrapped!) };
  }
}
