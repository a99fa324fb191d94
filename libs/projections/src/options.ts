/** Tuning of the projection pipeline; every field has a default. */
export interface ProjectionOptions {
  /** BullMQ queues a case's events are spread over (by stream hash); one worker each */
  partitions?: number;
  /** Redis key prefix of every queue (tests use a unique one) */
  prefix?: string;
  /** most events handed to Redis (or applied, embedded) at once */
  batchSize?: number;
  /** how long a partial batch waits for more events before it goes */
  batchWaitMs?: number;
  /** attempts per event before the dead-letter queue */
  attempts?: number;
  /** first retry delay; doubles on each attempt */
  backoffMs?: number;
  /** a job whose worker died is taken up again after this long */
  lockDurationMs?: number;
  /** how often the feeder checks that Redis still holds its queues */
  redisCheckMs?: number;
}

export type ResolvedProjectionOptions = Required<ProjectionOptions>;

export const resolveProjectionOptions = (
  options: ProjectionOptions = {},
): ResolvedProjectionOptions => ({
  partitions: 8,
  prefix: 'recourse',
  batchSize: 500,
  batchWaitMs: 2,
  attempts: 10,
  backoffMs: 100,
  redisCheckMs: 1000,
  lockDurationMs: 30_000,
  ...options,
});

/** Queue names cannot hold ':' (BullMQ's key separator). */
export const partitionQueueName = (partition: number): string => `projections.p${partition}`;
export const DEAD_LETTER_QUEUE = 'projections.dead-letter';
/**
 * Set by the feeder to the id of its current feed (the epoch); its absence means Redis lost the
 * queues (flushed, restarted empty). Each feed after a loss takes a new epoch.
 */
export const epochKey = (prefix: string): string => `${prefix}:projections:epoch`;
