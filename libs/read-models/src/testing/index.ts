// Builders for specs of the projection (the build leaves testing/ out).
import { caseStreamName } from '@recourse/domain';
import type { TimedEvent } from '@recourse/domain/testing';
import type { RecordedEvent } from '@recourse/event-store';

/**
 * A decided event as the store hands it to the projection: at `revision` of the case's stream and
 * at global `position` (commit and prepare alike). The chain hashes are left empty: the projection
 * does not read them.
 */
export function recordedCaseEvent(
  { event, actor, at }: TimedEvent,
  caseId: string,
  revision: number,
  position: bigint,
  id = `${caseId}/${revision}`,
): RecordedEvent {
  return {
    id,
    stream: caseStreamName(caseId),
    revision,
    position: { commit: position, prepare: position },
    type: event.type,
    data: event.data,
    metadata: {
      actor,
      occurredAt: at.toISOString(),
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
      prevHash: '',
      hash: '',
    },
  };
}
