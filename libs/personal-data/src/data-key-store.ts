import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Database } from '@recourse/database';
import { newDataKey, unwrapKey, wrapKey } from './cipher';
import type { WrappedKeys } from './wrapped-keys';

export interface DataKey {
  kid: string;
  key: Buffer;
}

interface KeyRow {
  kid: string;
  wrapped: string | null;
}

/** How long a sealing key is kept without hearing of an erasure (the listener may be down). */
export const SEALING_KEY_TTL_MS = 30_000;
/** subjects whose sealing key is kept at once; the oldest goes first */
const SEALING_KEYS_KEPT = 10_000;
/** data keys kept unwrapped at once; the oldest goes first */
const UNWRAPPED_KEPT = 10_000;

/**
 * The subject's live key, or a new one when there is none (first use, or after an erasure): one
 * round trip either way. A new key is made for every call and used only when it is inserted.
 * With $5 true the insert commits without waiting for its WAL flush (set_config(…, true) lasts
 * for this statement's own transaction): see DataKeyStoreOptions.keysFlushedByAppends.
 */
const ACTIVE_KEY = `
  WITH live AS (
    SELECT kid, wrapped FROM personal_data_keys WHERE subject = $2 AND destroyed_at IS NULL
  ), created AS (
    INSERT INTO personal_data_keys (kid, subject, wrapped, created_at)
    SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM live)
      AND (NOT $5::boolean OR set_config('synchronous_commit', 'off', true) = 'off')
    ON CONFLICT (subject) WHERE destroyed_at IS NULL DO NOTHING
    RETURNING kid, wrapped
  )
  SELECT kid, wrapped FROM live UNION ALL SELECT kid, wrapped FROM created`;

export interface DataKeyStoreOptions {
  /**
   * The events sealed under these keys are appended to the same PostgreSQL server (the event
   * store is the PostgreSQL adapter on this very database), so a new key need not wait for its
   * own WAL flush. Why that loses no key of a committed event: the key's commit record enters
   * the server's one WAL before the statement answers, so before the command that asked for it
   * seals and appends; that append commits synchronously, and flushing the WAL up to its commit
   * record flushes everything before it, the key included (a synchronous standby alike receives
   * the WAL in order). Every other use of the key is later still: it reads the committed row.
   * A key whose append never comes (refused, failed, the server crashed first) may be lost
   * with a crash; so a key created here is not kept for sealing (see activeKey): the next
   * command reads it back, or makes a new one if the crash took it. What this does not cover:
   * the server crashing and coming back up between a command's key statement and its append
   * (its connections would all be cut, so the append has to wait for a new one), within the
   * ≤ 3 × wal_writer_delay (600 ms by default) before the WAL writer flushes the key by itself.
   * Never for KurrentDB (another server, another log) nor PGlite (no flush to wait for).
   */
  keysFlushedByAppends?: boolean;
}

/**
 * Citizens' data keys in the read-model database, wrapped by the key-encryption key.
 *
 * Opening reads the wrapped keys from the database every time (with the values, or a query of its
 * own), so an erasure makes every value unreadable in every process at once. What a wrapped key
 * unwraps to is kept (unwrapping is AES-GCM under the KEK, on every view otherwise), but it is
 * only used for the wrapped form just read, which a destroyed key no longer has; an erasure heard
 * of drops all of them, so no process holds a destroyed key's material for long. Sealing keeps each subject's live key for a while
 * (a command seals under it without a round trip): destroying a key NOTIFYs every process on the
 * database (watchErasures), which drops it. A process that has not heard yet (the notification
 * in flight, its listener reconnecting: at most SEALING_KEY_TTL_MS) seals under the destroyed key,
 * so that value is erased with the rest, as a command racing the erasure would be; nothing erased
 * becomes readable.
 */
export class DataKeyStore {
  private readonly sealing = new Map<string, { key: DataKey; until: number }>();
  /** keys unwrapped so far, by key id, with the wrapped form each was unwrapped from */
  private readonly unwrapped = new Map<string, { wrapped: string; key: Buffer }>();
  /** drops so far: a key read while one happened may be the destroyed one, and is not kept */
  private drops = 0;
  private channel?: string;

  constructor(
    private readonly db: Database,
    private readonly kek: Buffer,
    private readonly options: DataKeyStoreOptions = {},
  ) {}

  /**
   * Listens for erasures by any process on this database (one channel per schema, as NOTIFY is
   * server-wide); resolves to a function that stops listening.
   */
  async watchErasures(): Promise<() => Promise<void>> {
    const { rows } = await this.db.query<{ schema: string }>('SELECT current_schema() AS schema');
    this.channel = `personal_data_erased_${rows[0].schema.replace(/\W/g, '_')}`.slice(0, 63);
    return this.db.listen(this.channel, (subject) => this.drop(subject));
  }

  /** The subject's current key, created on first use (and again after an erasure). */
  async activeKey(subject: string, now: Date): Promise<DataKey> {
    const kept = this.sealing.get(subject);
    if (kept && kept.until > performance.now()) return kept.key;
    const dropsBefore = this.drops;
    const { key, created } = await this.fetchActiveKey(subject, now);
    // a key whose flush rides on the append (keysFlushedByAppends) is kept once read back
    const flushed = !created || !this.options.keysFlushedByAppends;
    if (this.channel !== undefined && this.drops === dropsBefore && flushed) {
      this.sealing.delete(subject);
      this.sealing.set(subject, { key, until: performance.now() + SEALING_KEY_TTL_MS });
      if (this.sealing.size > SEALING_KEYS_KEPT)
        this.sealing.delete(this.sealing.keys().next().value!);
    }
    return key;
  }

  /**
   * The keys with these ids: a Buffer per live key, null per destroyed or unknown one. Those that
   * `read` holds (fetched with the sealed values) are taken from it; only the rest are looked up.
   */
  async keysById(kids: readonly string[], read?: WrappedKeys): Promise<Map<string, Buffer | null>> {
    const found = new Map<string, Buffer | null>();
    const missing: string[] = [];
    for (const kid of kids) {
      const wrapped = read?.wrapped(kid);
      if (wrapped === undefined) missing.push(kid);
      found.set(kid, wrapped ? this.unwrap({ kid, wrapped }).key : null);
    }
    if (missing.length === 0) return found;
    const { rows } = await this.db.query<KeyRow>(
      'SELECT kid, wrapped FROM personal_data_keys WHERE kid = ANY($1::text[]) AND wrapped IS NOT NULL',
      [missing],
    );
    for (const row of rows) found.set(row.kid, this.unwrap(row).key);
    return found;
  }

  /**
   * Destroys the subject's live key (if any) and returns the ids of all the subject's destroyed
   * keys, oldest first; undefined when the subject never had a key. Every process watching
   * erasures hears of it when the destruction commits (the same statement notifies).
   */
  async destroy(subject: string, now: Date): Promise<string[] | undefined> {
    this.drop(subject);
    await this.db.query(
      `WITH destroyed AS (
         UPDATE personal_data_keys SET wrapped = NULL, destroyed_at = $2
          WHERE subject = $1 AND destroyed_at IS NULL RETURNING kid)
       SELECT pg_notify($3, $1) WHERE $3 IS NOT NULL AND EXISTS (SELECT 1 FROM destroyed)`,
      [subject, now.toISOString(), this.channel ?? null],
    );
    this.drop(subject);
    const { rows } = await this.db.query<{ kid: string }>(
      'SELECT kid FROM personal_data_keys WHERE subject = $1 ORDER BY created_at, kid',
      [subject],
    );
    return rows.length === 0 ? undefined : rows.map((row) => row.kid);
  }

  private async fetchActiveKey(
    subject: string,
    now: Date,
  ): Promise<{ key: DataKey; created: boolean }> {
    for (;;) {
      const kid = randomUUID();
      const key = newDataKey();
      const { rows } = await this.db.query<KeyRow>(ACTIVE_KEY, [
        kid,
        subject,
        wrapKey(this.kek, kid, key),
        now.toISOString(),
        this.options.keysFlushedByAppends === true,
      ]);
      if (rows.length === 0) continue; // another request created the subject's key meanwhile
      if (rows[0].kid === kid) return { key: { kid, key }, created: true };
      return { key: this.unwrap(rows[0]), created: false };
    }
  }

  private drop(subject: string): void {
    this.drops += 1;
    this.sealing.delete(subject);
    // which of them were the subject's is not known here; erasures are rare: unwrap anew
    this.unwrapped.clear();
  }

  /** The key a row's wrapped form unwraps to (kept for that very form: see the class). */
  private unwrap(row: KeyRow): DataKey {
    const wrapped = row.wrapped!;
    const known = this.unwrapped.get(row.kid);
    if (known?.wrapped === wrapped) return { kid: row.kid, key: known.key };
    const key = unwrapKey(this.kek, row.kid, wrapped);
    this.unwrapped.set(row.kid, { wrapped, key });
    if (this.unwrapped.size > UNWRAPPED_KEPT) {
      this.unwrapped.delete(this.unwrapped.keys().next().value!);
    }
    return { kid: row.kid, key };
  }
}
