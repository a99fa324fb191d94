import { randomUUID } from 'node:crypto';
import { accessStreamName, type Actor, type CaseRead, type CaseReadView } from '@recourse/domain';
import { StreamNotFound, type EventStore } from '@recourse/event-store';

/** One recorded read of a case. */
export interface CaseReadItem {
  at: string;
  actor: { id: string; role: string; authorityId?: string };
  view: CaseReadView;
}

/**
 * Records that `actor` read a case's `view`, as a CaseRead event in the case's access stream: an
 * event of the store like any other, so it is chained, a leaf of the transparency log and in the
 * export. Resolves once the store has committed it; the caller answers only then.
 */
export async function recordCaseRead(
  store: EventStore,
  read: { caseId: string; actor: Actor; view: CaseReadView; at: Date; correlationId?: string },
): Promise<void> {
  const { id, role, authorityId } = read.actor;
  const event: CaseRead = { type: 'CaseRead', data: { caseId: read.caseId, view: read.view } };
  await store.appendToStream(
    accessStreamName(read.caseId),
    [
      {
        id: randomUUID(),
        ...event,
        metadata: {
          actor: authorityId === undefined ? { id, role } : { id, role, authorityId },
          occurredAt: read.at.toISOString(),
          ...(read.correlationId ? { correlationId: read.correlationId } : {}),
        },
      },
    ],
    'any',
  );
}

/** Every recorded read of the case, oldest first. */
export async function caseReads(store: EventStore, caseId: string): Promise<CaseReadItem[]> {
  const events = await store.readStream(accessStreamName(caseId)).catch((error: unknown) => {
    if (error instanceof StreamNotFound) return [];
    throw error;
  });
  return events.map((event) => ({
    at: event.metadata.occurredAt,
    actor: event.metadata.actor as CaseReadItem['actor'],
    view: (event.data as CaseRead['data']).view,
  }));
}
