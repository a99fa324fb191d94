import type { Database } from '@recourse/database';
import type { CaseRecord } from './case-record';
import { isOpenSql } from './open-statuses';

const OPEN = isOpenSql('c.status');

/**
 * Turns a reservation into the real thing: appends CaseAssigned through the command path (the
 * event log is the truth). Resolves 'taken' when the log says the case is no longer free.
 */
export type AssignThroughCommand = (caseId: string) => Promise<'assigned' | 'taken'>;

export interface ClaimOptions {
  /** how long a reservation hides a case from other claimers while its command runs */
  reservationSeconds?: number;
  /** cases tried before giving up (each lost race moves on to the next case) */
  maxAttempts?: number;
}

/**
 * Claims the most urgent unassigned open case of an authority for a caseworker: reserves it
 * (SELECT … FOR UPDATE SKIP LOCKED plus a row in case_claims, so concurrent claimers pass over
 * it), then assigns it through the command path outside any read-model transaction (PGlite has a
 * single connection). When the command finds the case taken, the next case is tried. Returns the
 * claimed case's id, or null when none is left.
 */
export async function claimNext(
  db: Database,
  authorityId: string,
  caseworkerId: string,
  assign: AssignThroughCommand,
  options: ClaimOptions = {},
): Promise<string | null> {
  const reservationSeconds = options.reservationSeconds ?? 30;
  const maxAttempts = options.maxAttempts ?? 20;
  const passedOver: string[] = [];
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const reserved = await reserve(db, authorityId, caseworkerId, passedOver, reservationSeconds);
    if (reserved === null) return null;
    if (reserved === 'lost') continue;
    let outcome: 'assigned' | 'taken';
    try {
      outcome = await assign(reserved);
    } catch (error) {
      await release(db, reserved, caseworkerId);
      throw error;
    }
    if (outcome === 'assigned') return reserved;
    // taken: its CaseAssigned is on the way to the read model; release it in case it was not
    await release(db, reserved, caseworkerId);
    passedOver.push(reserved);
  }
  return null;
}

async function reserve(
  db: Database,
  authorityId: string,
  caseworkerId: string,
  passedOver: string[],
  reservationSeconds: number,
): Promise<string | 'lost' | null> {
  return db.transaction(async (tx) => {
    const candidate = await tx.query<Pick<CaseRecord, 'id'>>(
      `SELECT c.id FROM cases c
        WHERE c.authority_id = $1 AND c.assignee IS NULL AND ${OPEN}
          AND NOT (c.id = ANY($2::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM case_claims r WHERE r.case_id = c.id
                           AND r.claimed_at > now() - make_interval(secs => $3))
        ORDER BY c.effective_deadline, c.id
        LIMIT 1 FOR UPDATE OF c SKIP LOCKED`,
      [authorityId, passedOver, reservationSeconds],
    );
    if (candidate.rows.length === 0) return null;
    const caseId = candidate.rows[0].id;
    // the NOT EXISTS above may have read a snapshot from before a rival's commit: the upsert
    // sees the latest reservation and takes it only when it is stale
    const reservation = await tx.query(
      `INSERT INTO case_claims AS r (case_id, caseworker_id, claimed_at) VALUES ($1, $2, now())
       ON CONFLICT (case_id) DO UPDATE SET caseworker_id = excluded.caseworker_id, claimed_at = now()
       WHERE r.claimed_at <= now() - make_interval(secs => $3)`,
      [caseId, caseworkerId, reservationSeconds],
    );
    return reservation.rowCount === 1 ? caseId : 'lost';
  });
}

async function release(db: Database, caseId: string, caseworkerId: string): Promise<void> {
  await db.query('DELETE FROM case_claims WHERE case_id = $1 AND caseworker_id = $2', [
    caseId,
    caseworkerId,
  ]);
}
