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
  /**
   * The feed (Redis epoch) that handed it over. A job left from an earlier feed is not applied:
   * Redis lost data since, and the feed after the loss hands the event over again, in order.
   * Absent on jobs added by hand (tests, tools): they are applied whatever the epoch.
   */
  epoch?: string;
}

export const toJobData = (event: RecordedEvent, epoch?: string): EventJobData => ({
  ...event,
  ...(epoch === undefined ? {} : { epoch }),
  position: {
    commit: event.position.commit.toString(),
    prepare: event.position.prepare.toString(),
  },
});

export const fromJobData = (job: EventJobData): RecordedEvent => ({
  ...job,
  position: { commit: BigInt(job.position.commit), prepare: BigInt(job.position.prepare) },
});
