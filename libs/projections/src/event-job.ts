import type { Position, RecordedEvent } from '@recourse/event-store';
import type { PartitionRun } from '@recourse/read-models';

/** A RecordedEvent as a BullMQ job carries it: JSON, so the position's bigints become strings. */
export interface EventJobEvent extends Omit<RecordedEvent, 'position'> {
  position: { commit: string; prepare: string };
}

/**
 * One job: the events of one feeder batch that fall in one partition, in order, applied in one
 * PostgreSQL transaction (one commit per batch, not per event, is what lets the projection keep
 * up). A batch is atomic: it applies whole or is retried whole.
 */
export interface EventJobData {
  events: EventJobEvent[];
  /**
   * The feed (Redis epoch) that handed it over. A job left from an earlier feed is not applied:
   * Redis lost data since, and the feed after the loss hands the events over again, in order.
   * Absent on jobs added by hand (tests, tools): they are applied whatever the epoch.
   */
  epoch?: string;
  /**
   * Where this job's run of its partition starts: the last event the feed handed to the partition
   * before (null: the feed's first job there). The partition checkpoint moves only over runs with
   * nothing missing before them. Absent on jobs added by hand: they move it as they are.
   */
  after?: { commit: string; prepare: string } | null;
}

const toJson = (position: Position) => ({
  commit: position.commit.toString(),
  prepare: position.prepare.toString(),
});

export const toJobData = (
  events: RecordedEvent[],
  epoch?: string,
  after?: Position | null,
): EventJobData => ({
  events: events.map((event) => ({ ...event, position: toJson(event.position) })),
  ...(epoch === undefined ? {} : { epoch }),
  ...(after === undefined ? {} : { after: after && toJson(after) }),
});

/** the run a job stands for, or undefined for a job added by hand */
export const runOf = (job: EventJobData): PartitionRun | undefined =>
  job.after === undefined
    ? undefined
    : {
        after: job.after && {
          commit: BigInt(job.after.commit),
          prepare: BigInt(job.after.prepare),
        },
      };

export const fromJobData = (job: EventJobData): RecordedEvent[] =>
  job.events.map((event) => ({
    ...event,
    position: { commit: BigInt(event.position.commit), prepare: BigInt(event.position.prepare) },
  }));

/**
 * Within a feed, handing the same batch again is a no-op; a batch cut differently after a
 * restart gets another id (its events then apply once, by the revision guard). Across feeds the
 * epoch differs, so a job key that outlived its queue never swallows a re-fed batch.
 */
export const jobIdOf = (epoch: string, events: RecordedEvent[]): string =>
  `${epoch}-${events[0].id}-${events[events.length - 1].id}`;
