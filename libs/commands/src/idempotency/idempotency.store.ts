import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RecourseConfig } from '@recourse/config';
import { CLOCK, CONFIG, DATABASE } from '@recourse/infrastructure';
import { migrate, type Database } from '@recourse/database';
import type { Clock } from '@recourse/domain';
import { IDEMPOTENCY_COMPONENT, IDEMPOTENCY_MIGRATIONS } from './idempotency.migrations';

/** The first answer to a request, kept to be replayed to its retries. */
export interface StoredResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}

export type Claim =
  /**
   * this request owns the key: run it, then complete() or release(). `requestId` is new for a
   * fresh key and the same as before when taking over the abandoned claim of the same request.
   */
  | { outcome: 'claimed'; requestId: string }
  /** a request with this key and the same fingerprint completed: replay its answer */
  | { outcome: 'completed'; response: StoredResponse }
  /** the key was used for a different request (method, path or body) */
  | { outcome: 'mismatch' }
  /** a request with this key is still running */
  | { outcome: 'in-flight' };

/**
 * How long a claim protects a request that is running. A process that dies mid-request leaves
 * its claim behind: a retry takes it over at once when the database session that claimed it is
 * gone (a killed process's connections close with it), else after this long. Short, because a
 * takeover of a request that is still running is harmless: both run under the same request id,
 * so they derive the same event ids and the second answers the first's result.
 */
export const IN_FLIGHT_LEASE_MS = 10_000;

/** a release that failed (the database is away) is tried again this often until the lease ends */
const RELEASE_RETRY_MS = 500;

const PURGE_INTERVAL_MS = 3_600_000;

interface KeyRow {
  fingerprint: string;
  state: 'in_flight' | 'completed' | 'released';
  status_code: number | null;
  headers: Record<string, string> | null;
  body: unknown;
}

/**
 * Idempotency-Key records in PostgreSQL/PGlite (so they survive restarts and are shared by every
 * api process), keyed by (caller, key). Keys expire `idempotencyKeyTtlMs` after first use
 * (IDEMPOTENCY_KEY_TTL, default 24 h); an expired key is free for a new request.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyStore.name);
  private readonly ttlMs: number;
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) config: RecourseConfig,
  ) {
    this.ttlMs = config.idempotencyKeyTtlMs;
  }

  async onModuleInit(): Promise<void> {
    await migrate(this.db, IDEMPOTENCY_COMPONENT, IDEMPOTENCY_MIGRATIONS);
    await this.purgeExpired();
    // an expired key is reclaimed on use anyway; the sweep only keeps the table small
    this.purgeTimer = setInterval(() => {
      this.purgeExpired().catch((error: unknown) =>
        this.logger.warn({ msg: 'purging expired idempotency keys failed', error: String(error) }),
      );
    }, PURGE_INTERVAL_MS);
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  /** Claims the key for this request, or says why it cannot run. */
  async claim(callerId: string, key: string, fingerprint: string): Promise<Claim> {
    const now = this.clock.now();
    // The upsert takes a free key: new, expired, released by a failed request, or the abandoned
    // claim of the same request (lease over, or its session gone: pg_stat_activity is only read
    // on a conflict). The same request keeps its request id; another gets a new one.
    const taken = await this.db.query<{ request_id: string }>(
      `INSERT INTO idempotency_keys (caller_id, key, fingerprint, request_id, state, created_at,
                                     locked_until, expires_at, owner_pid)
       VALUES ($1, $2, $3, $7, 'in_flight', $4, $5, $6, pg_backend_pid())
       ON CONFLICT (caller_id, key) DO UPDATE SET
         fingerprint = EXCLUDED.fingerprint, state = 'in_flight', status_code = NULL,
         request_id = CASE WHEN idempotency_keys.expires_at <= $4
                             OR idempotency_keys.fingerprint <> EXCLUDED.fingerprint
                           THEN EXCLUDED.request_id ELSE idempotency_keys.request_id END,
         headers = NULL, body = NULL, created_at = EXCLUDED.created_at,
         locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at,
         owner_pid = EXCLUDED.owner_pid
       WHERE idempotency_keys.expires_at <= $4
          OR idempotency_keys.state = 'released'
          OR (idempotency_keys.state = 'in_flight'
              AND idempotency_keys.fingerprint = EXCLUDED.fingerprint
              AND (idempotency_keys.locked_until <= $4
                   OR NOT EXISTS (SELECT 1 FROM pg_stat_activity
                                   WHERE pid = idempotency_keys.owner_pid)))
       RETURNING request_id::text AS request_id`,
      [
        callerId,
        key,
        fingerprint,
        now,
        new Date(now.getTime() + IN_FLIGHT_LEASE_MS),
        new Date(now.getTime() + this.ttlMs),
        randomUUID(),
      ],
    );
    if (taken.rows[0]) return { outcome: 'claimed', requestId: taken.rows[0].request_id };

    const { rows } = await this.db.query<KeyRow>(
      `SELECT fingerprint, state, status_code, headers, body
         FROM idempotency_keys WHERE caller_id = $1 AND key = $2`,
      [callerId, key],
    );
    const row = rows[0];
    // released or expired between the two statements: the key is free again
    if (!row || row.state === 'released') return this.claim(callerId, key, fingerprint);
    if (row.fingerprint !== fingerprint) return { outcome: 'mismatch' };
    if (row.state === 'in_flight') return { outcome: 'in-flight' };
    return {
      outcome: 'completed',
      response: { statusCode: row.status_code ?? 200, headers: row.headers ?? {}, body: row.body },
    };
  }

  /** Keeps the answer of a claimed request for its retries. */
  async complete(callerId: string, key: string, response: StoredResponse): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys
          SET state = 'completed', status_code = $3, headers = $4, body = $5
        WHERE caller_id = $1 AND key = $2`,
      [
        callerId,
        key,
        response.statusCode,
        JSON.stringify(response.headers),
        JSON.stringify(response.body ?? null),
      ],
    );
  }

  /**
   * Frees the key of a request that failed, at once, so that a retry runs it again (under the same
   * request id). Never throws: when the database is away too, it keeps trying in the background
   * until the lease would have freed the key anyway.
   */
  async release(callerId: string, key: string): Promise<void> {
    const until = Date.now() + IN_FLIGHT_LEASE_MS;
    const attempt = async (): Promise<void> => {
      try {
        await this.db.query(
          `UPDATE idempotency_keys SET state = 'released', locked_until = created_at
            WHERE caller_id = $1 AND key = $2 AND state = 'in_flight'`,
          [callerId, key],
        );
      } catch (error) {
        if (Date.now() + RELEASE_RETRY_MS >= until) return;
        this.logger.warn({
          msg: 'releasing an idempotency key failed; retrying',
          error: String(error),
        });
        setTimeout(() => void attempt(), RELEASE_RETRY_MS).unref();
      }
    };
    await attempt();
  }

  /** Deletes expired keys; returns how many. */
  async purgeExpired(): Promise<number> {
    const { rowCount } = await this.db.query(
      'DELETE FROM idempotency_keys WHERE expires_at <= $1',
      [this.clock.now()],
    );
    return rowCount;
  }
}
