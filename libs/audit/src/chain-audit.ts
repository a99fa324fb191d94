import { caseIdOfStream, caseStreamName } from '@recourse/domain';
import { START, StreamNotFound, verifyChain, type EventStore } from '@recourse/event-store';
import { forEachLimited } from '@recourse/infrastructure';

export interface BrokenChain {
  caseId: string;
  /** the first revision that does not check out (the first missing one for a cut-off stream) */
  firstBrokenRevision: number;
  reason: string;
}

export interface ChainReport {
  verified: boolean;
  checkedStreams: number;
  checkedEvents: number;
  broken: BrokenChain[];
}

const SCAN_BATCH = 2_000;
const STREAM_READ_CONCURRENCY = 8;

/** Every case id with a stream in the store, found by reading $all from the start. */
async function caseIdsInStore(store: EventStore): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let from: Parameters<EventStore['readAll']>[0] = START; ;) {
    const batch = await store.readAll(from, SCAN_BATCH);
    if (batch.length === 0) return ids;
    for (const event of batch) {
      const caseId = caseIdOfStream(event.stream);
      if (caseId) ids.add(caseId);
    }
    from = batch[batch.length - 1].position;
  }
}

/**
 * Recomputes every case's chain, stream by stream, with the same verifyChain as the per-case
 * audit. The chain alone cannot tell a stream whose last events were deleted from a shorter one,
 * so each stream is also held against the read models, which saw it grow: a case projected up to
 * revision r whose stream now ends before r has lost its tail (and a projected case whose stream
 * is gone has lost everything). `projected` must be read BEFORE the streams: streams only grow,
 * so a stream read later is never legitimately shorter than what was projected earlier.
 */
export async function auditAllChains(
  store: EventStore,
  projected: Map<string, number>,
): Promise<ChainReport> {
  const caseIds = [...new Set([...(await caseIdsInStore(store)), ...projected.keys()])].sort();
  const broken: BrokenChain[] = [];
  let checkedEvents = 0;
  const check = async (caseId: string): Promise<void> => {
    const stream = caseStreamName(caseId);
    const events = await store.readStream(stream).catch((error: unknown) => {
      if (error instanceof StreamNotFound) return [];
      throw error;
    });
    checkedEvents += events.length;
    const verdict = verifyChain(stream, events);
    const projectedRevision = projected.get(caseId) ?? -1;
    if (!verdict.verified) {
      broken.push({
        caseId,
        firstBrokenRevision: verdict.firstBrokenRevision!,
        reason: verdict.reason!,
      });
    } else if (projectedRevision >= events.length) {
      broken.push({
        caseId,
        firstBrokenRevision: events.length,
        reason:
          events.length === 0
            ? `the stream is gone; the read models saw it up to revision ${projectedRevision}`
            : `the stream ends at revision ${events.length - 1} but the read models saw revision ${projectedRevision}: its last events were deleted`,
      });
    }
  };
  await forEachLimited(caseIds, STREAM_READ_CONCURRENCY, check);
  broken.sort((a, b) => a.caseId.localeCompare(b.caseId));
  return { verified: broken.length === 0, checkedStreams: caseIds.length, checkedEvents, broken };
}
