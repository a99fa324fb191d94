import { randomUUID } from 'node:crypto';
import { accessStreamName, type Actor, type CaseRead, type CaseReadView } from '@recourse/domain';
import { StreamNotFound, type EventStore, type NewEvent } from '@recourse/event-store';

/** One recorded read of a case. */
export interface CaseReadItem {
  at: string;
  actor: { id: string; role: string; authorityId?: string };
  view: CaseReadView;
}

export interface CaseReadRecord {
  caseId: string;
  actor: Actor;
  view: CaseReadView;
  at: Date;
  correlationId?: string;
}

/** the most reads one append carries; more wait for the next */
const MAX_READS_PER_APPEND = 200;

interface WaitingRead {
  event: NewEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Records reads of cases as CaseRead events in each case's access stream: events of the store
 * like any other, so they are chained, leaves of the transparency log and in the export. A read
 * resolves once the store has committed its record; the caller answers only then.
 *
 * Group commit: while an append to a case's access stream is in flight, the reads of that case
 * that arrive wait, and go together as the next append (one statement, one commit). Concurrent
 * readers of one case would otherwise race for the stream's head and retry, one commit each. The
 * first read of a quiet case is appended at once: nothing waits on a timer. A failed append fails
 * every read it carried. The stream's chain is the store's as before; a batch is in arrival order.
 */
export class CaseReadRecorder {
  /** access streams with an append in flight → the reads waiting for the next one */
  private readonly waiting = new Map<string, WaitingRead[]>();

  constructor(private readonly store: EventStore) {}

  record(read: CaseReadRecord): Promise<void> {
    const stream = accessStreamName(read.caseId);
    return new Promise<void>((resolve, reject) => {
      const entry = { event: caseReadEvent(read), resolve, reject };
      const queue = this.waiting.get(stream);
      if (queue) {
        queue.push(entry);
        return;
      }
      this.waiting.set(stream, []);
      void this.appendInTurn(stream, [entry]);
    });
  }

  /** appends the batch, then what gathered meanwhile, until the stream has nothing waiting */
  private async appendInTurn(stream: string, first: WaitingRead[]): Promise<void> {
    for (let batch = first; batch.length > 0;) {
      try {
        await this.store.appendToStream(
          stream,
          batch.map((read) => read.event),
          'any',
        );
        for (const read of batch) read.resolve();
      } catch (error) {
        for (const read of batch) read.reject(error);
      }
      batch = this.waiting.get(stream)!.splice(0, MAX_READS_PER_APPEND);
    }
    this.waiting.delete(stream);
  }
}

function caseReadEvent(read: CaseReadRecord): NewEvent {
  const { id, role, authorityId } = read.actor;
  const event: CaseRead = { type: 'CaseRead', data: { caseId: read.caseId, view: read.view } };
  return {
    id: randomUUID(),
    ...event,
    metadata: {
      actor: authorityId === undefined ? { id, role } : { id, role, authorityId },
      occurredAt: read.at.toISOString(),
      ...(read.correlationId ? { correlationId: read.correlationId } : {}),
    },
  };
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
