import { Client } from 'pg';
import { caseEventAt, pendingTimers } from '@recourse/deadlines';
import { caseIdOfStream, OPEN_STATUSES } from '@recourse/domain';
import { percentile } from '../../bench/percentile';
import type { Op } from './load';

/** What the store and the read models say after a fault, against what the clients were told. */
export interface Findings {
  accepted: number;
  lost: number;
  duplicated: number;
  /** cases whose read-model row is missing or behind the store */
  readModelsMissing: number;
  readModelsBehind: number;
  queueProblems: number;
  logVerified: boolean;
  /** deadlines overdue by more than the grace and not recorded */
  unfired: number;
  /** deadlines recorded missed that fell due during the fault's load (and settle) */
  deadlinesFired: number;
  latenessP99Ms: number | null;
  latenessMaxMs: number | null;
  /** requests that may have taken effect and then got a refusal, or never got an answer */
  unsafeRetries: number;
  unanswered: number;
}

interface StoredEvent {
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  occurred_at: string;
}

/** an overdue deadline gets this long to be recorded before it counts as unfired */
const FIRING_GRACE_MS = 5_000;

export async function readStore(db: Client): Promise<StoredEvent[]> {
  const { rows } = await db.query<StoredEvent>(
    `SELECT stream, revision, type, data, metadata->>'occurredAt' AS occurred_at
       FROM event_store_events ORDER BY stream, revision`,
  );
  return rows;
}

/** read-model rows missing or behind the store's streams, and which (to look for in the logs) */
export async function readModelGap(
  db: Client,
  events: StoredEvent[],
): Promise<{ missing: number; behind: number; which: string[] }> {
  const heads = new Map<string, number>();
  for (const event of events) {
    const caseId = caseIdOfStream(event.stream);
    if (caseId) heads.set(caseId, Math.max(heads.get(caseId) ?? -1, event.revision));
  }
  const { rows } = await db.query<{ id: string; last_revision: number }>(
    'SELECT id::text AS id, last_revision FROM cases',
  );
  const projected = new Map(rows.map((row) => [row.id, row.last_revision]));
  let missing = 0;
  let behind = 0;
  const which: string[] = [];
  for (const [caseId, revision] of heads) {
    const at = projected.get(caseId);
    if (at === undefined) missing += 1;
    else if (at < revision) behind += 1;
    if (at === undefined || at < revision) which.push(`${caseId} at ${at ?? '-'} of ${revision}`);
  }
  return { missing, behind, which };
}

/** deadlines that fell due more than the grace ago and are not recorded */
export function unfiredDeadlines(events: StoredEvent[], now: number): number {
  const byCase = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const caseId = caseIdOfStream(event.stream);
    if (!caseId) continue;
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), event]);
  }
  let unfired = 0;
  for (const [caseId, stream] of byCase) {
    const history = stream.map((event) =>
      caseEventAt({ ...event, metadata: { occurredAt: event.occurred_at } }),
    );
    for (const timer of pendingTimers(caseId, history)) {
      if (Date.parse(timer.due) < now - FIRING_GRACE_MS) unfired += 1;
    }
  }
  return unfired;
}

/** lateness of the deadlines recorded missed whose due time fell in [from, to) */
export function lateness(events: StoredEvent[], from: number, to: number): number[] {
  return events
    .filter((event) => event.type === 'DeadlineMissed')
    .map((event) => ({
      due: Date.parse(String(event.data.due)),
      at: Date.parse(event.occurred_at),
    }))
    .filter(({ due }) => due >= from && due < to)
    .map(({ due, at }) => at - due)
    .sort((a, b) => a - b);
}

/** every accepted request's facts exactly once; nothing appended for anything else */
export function factsOnce(ops: Op[], events: StoredEvent[]): { lost: number; duplicated: number } {
  const filed = new Map<string, number>();
  const acknowledged = new Map<string, number>();
  const evidence = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  for (const event of events) {
    const caseId = caseIdOfStream(event.stream);
    if (!caseId) continue;
    if (event.type === 'CaseFiled') bump(filed, caseId);
    if (event.type === 'CaseAcknowledged') bump(acknowledged, caseId);
    if (event.type === 'EvidenceAdded') bump(evidence, String(event.data.evidenceId));
  }
  let lost = 0;
  let duplicated = 0;
  const expectOnce = (count: number | undefined) => {
    if (!count) lost += 1;
    else if (count > 1) duplicated += count - 1;
  };
  const acceptedCases = new Set<string>();
  const acceptedEvidence = new Set<string>();
  for (const op of ops) {
    if (op.status === undefined || op.status >= 300) continue;
    if (op.kind === 'file') {
      acceptedCases.add(op.caseId!);
      expectOnce(filed.get(op.caseId!));
    } else if (op.kind === 'acknowledge') expectOnce(acknowledged.get(op.caseId!));
    else {
      acceptedEvidence.add(String(op.body?.id));
      expectOnce(evidence.get(String(op.body?.id)));
    }
  }
  // a case or an evidence no client was told about: a retry appended a second copy
  const unanswered = new Set(ops.filter((op) => op.status === undefined).map((op) => op.kind));
  if (!unanswered.has('file')) {
    for (const caseId of filed.keys()) if (!acceptedCases.has(caseId)) duplicated += 1;
  }
  if (!unanswered.has('evidence')) {
    for (const id of evidence.keys()) if (!acceptedEvidence.has(id)) duplicated += 1;
  }
  return { lost, duplicated };
}

/**
 * Retries of requests whose answer was lost (a dropped connection, a 5xx) that ended refused
 * although the first attempt's fact is in the store: such a retry must answer as that attempt
 * did. A refusal where nothing was stored is the honest answer for a case that moved on meanwhile
 * (its 4-second acknowledgement missed while a killed api's claim still held the key). Each case
 * gets at most one acknowledgement or evidence request, so its fact is known by case.
 */
export function retrySafety(
  ops: Op[],
  events: StoredEvent[],
): { unsafe: number; unanswered: number } {
  const stored = { acknowledge: new Set<string>(), evidence: new Set<string>() };
  for (const event of events) {
    const caseId = caseIdOfStream(event.stream);
    if (caseId && event.type === 'CaseAcknowledged') stored.acknowledge.add(caseId);
    if (caseId && event.type === 'EvidenceAdded') stored.evidence.add(caseId);
  }
  const factStored = (op: Op) => op.kind === 'file' || stored[op.kind].has(op.caseId!);
  return {
    unsafe: ops.filter(
      (op) => op.ambiguous && op.status !== undefined && op.status >= 300 && factStored(op),
    ).length,
    unanswered: ops.filter((op) => op.status === undefined).length,
  };
}

/** each authority's queue (paged through the API) lists each of its open cases once */
export async function queueProblems(
  db: Client,
  api: string,
  supervisorToken: (authorityId: string) => Promise<string>,
): Promise<number> {
  const { rows } = await db.query<{ authority_id: string; open: string[] }>(
    `SELECT authority_id, array_agg(id::text) AS open FROM cases
      WHERE status = ANY($1) GROUP BY authority_id`,
    [OPEN_STATUSES],
  );
  let problems = 0;
  for (const { authority_id: authorityId, open } of rows) {
    const token = await supervisorToken(authorityId);
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await fetch(`${api}/v1/queues/${authorityId}?limit=100${query}`, {
        headers: { Authorization: token },
      });
      if (response.status !== 200) return problems + 1;
      const page = (await response.json()) as {
        items: { id: string }[];
        nextCursor: string | null;
      };
      listed.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    const unique = new Set(listed);
    problems += listed.length - unique.size;
    problems += open.filter((id) => !unique.has(id)).length;
  }
  return problems;
}

export function p99(sorted: number[]): number | null {
  return sorted.length === 0 ? null : percentile(sorted, 99);
}
