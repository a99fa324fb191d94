import type { RecordedEvent } from '@recourse/event-store';

/** A RecordedEvent as a BullMQ job carries it: JSON, so the position's bigints become strings. */
export interface EventJobData {
  id: string;
  stream: string;
  revision: number;
  position: { commit: string; prepare: string };
  type: string;
  data: unknown;
  metadata: RecordedEvent['metadata'];
}

export const toJobData = (event: RecordedEvent): EventJobData => ({
  ...event,
  position: {
    commit: event.position.commit.toString(),
    prepare: event.position.prepare.toString(),
  },
});

export const fromJobData = (job: EventJobData): RecordedEvent => ({
  ...job,
  position: { commit: BigInt(job.position.commit), prepare: BigInt(job.position.prepare) },
});
