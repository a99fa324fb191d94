import { Logger } from '@nestjs/common';
import { closeWorker, REDIS_RECONNECT_MAX_MS, reportQueueErrors } from '@recourse/infrastructure';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '@recourse/database';
import type { EventStore, RecordedEvent } from '@recourse/event-store';
import { Metrics } from '@recourse/observability';
import {
  applyEvents,
  OutOfOrderEvent,
  partitionCheckpoint,
  type PartitionRun,
} from '@recourse/read-models';
import { fromJobData, runOf, type EventJobData } from './event-job';
import {
  DEAD_LETTER_QUEUE,
  epochKey,
  partitionQueueName,
  type ResolvedProjectionOptions,
} from './options';

/** What the dead-letter queue holds: one entry per event of a job that gave up. */
export interface DeadLetter {
  event: EventJobData['events'][number];
  error: string;
  failedAt: string;
  origin?: { queue: string; jobId?: string; after?: EventJobData['after'] };
}

/** Gaps filled from the event store for one job before it is left to BullMQ's retries. */
const MAX_GAPS_FILLED = 8;

/** Redis lost its queues and the feeder has not re-fed yet: applying now could skip lost events. */
class RedisNotReady extends Error {
  constructor() {
    super('Redis lost the projection queues; waiting for the feeder to feed again');
    this.name = 'RedisNotReady';
  }
}

/**
 * One BullMQ worker per partition, concurrency 1, so one case's events apply in order. Each job
 * applies its batch of events in one PostgreSQL transaction (the partition's checkpoint moves
 * with it). A failure (an OutOfOrderEvent above all) is retried with exponential backoff; after
 * the last attempt every event of the job goes to the dead-letter queue, is logged and counted —
 * never dropped silently.
 */
export class ProjectionWorkers {
  private readonly logger = new Logger('ProjectionWorkers');
  private readonly workers: Worker<EventJobData>[] = [];
  private readonly deadLetters: Queue;

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly redis: Redis,
    private readonly options: ResolvedProjectionOptions,
    private readonly metrics: Metrics,
  ) {
    this.deadLetters = new Queue(DEAD_LETTER_QUEUE, { connection: redis, prefix: options.prefix });
    reportQueueErrors(this.deadLetters, this.logger, { queue: DEAD_LETTER_QUEUE });
  }

  async start(): Promise<void> {
    const applied = this.metrics.counter<'result'>({
      name: 'recourse_projection_events_total',
      help: 'Events taken from the projection queues, by result (applied, skipped, retried, stale)',
      labelNames: ['result'],
    });
    const deadLettered = this.metrics.counter({
      name: 'recourse_projection_dead_letters_total',
      help: 'Events moved to the projection dead-letter queue after their last attempt',
    });
    for (let k = 0; k < this.options.partitions; k++) {
      const worker = new Worker<EventJobData>(
        partitionQueueName(k),
        async (job) => {
          const epoch = await this.redis.get(epochKey(this.options.prefix));
          if (epoch === null) throw new RedisNotReady();
          // left from a feed before Redis lost data: the current feed hands it over again, in
          // order; applying it now could let the partition checkpoint pass events still queued
          const events = fromJobData(job.data);
          if (job.data.epoch !== undefined && job.data.epoch !== epoch) {
            applied.inc({ result: 'stale' }, events.length);
            return;
          }
          const changed = await this.applyFillingGaps(
            events,
            partitionCheckpoint(k),
            runOf(job.data),
          );
          if (changed > 0) applied.inc({ result: 'applied' }, changed);
          if (changed < events.length) applied.inc({ result: 'skipped' }, events.length - changed);
        },
        {
          connection: this.redis,
          prefix: this.options.prefix,
          concurrency: 1,
          lockDuration: this.options.lockDurationMs,
          stalledInterval: this.options.lockDurationMs,
          // after a connection error, fetch again this soon (BullMQ's default is 15 s): the
          // read models would fall that far behind once Redis is back
          runRetryDelay: REDIS_RECONNECT_MAX_MS,
        },
      );
      worker.on('failed', (job, error) => {
        if (!job) return;
        if (job.attemptsMade < (job.opts.attempts ?? 1)) {
          applied.inc({ result: 'retried' }, job.data.events.length);
          if (!(error instanceof OutOfOrderEvent || error instanceof RedisNotReady)) {
            this.logger.warn({
              msg: 'projection failed; retrying',
              jobId: job.id,
              error: error.message,
            });
          }
          return;
        }
        deadLettered.inc(job.data.events.length);
        void this.deadLetter(job, error);
      });
      worker.on('error', (error) =>
        this.logger.error({ msg: 'projection worker error', partition: k, error: error.message }),
      );
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /**
   * Applies a job's events in one transaction. A gap (an earlier event of a case not applied yet:
   * its job is in backoff, stalled, or was lost with Redis) is filled from the event store, the
   * source of truth, rather than waited for: an event that went missing on the way through Redis
   * is recovered by the next event of its case.
   */
  private async applyFillingGaps(
    events: RecordedEvent[],
    checkpoint: string,
    run: PartitionRun | undefined,
  ): Promise<number> {
    let batch = events;
    for (let filled = 0; ; filled++) {
      try {
        return await this.db.transaction((tx) => applyEvents(tx, batch, checkpoint, run));
      } catch (error) {
        if (!(error instanceof OutOfOrderEvent) || filled === MAX_GAPS_FILLED) throw error;
        const gap = error;
        const missing = (await this.store.readStream(gap.stream)).filter(
          (event) => event.revision > gap.lastApplied && event.revision < gap.revision,
        );
        // the store has nothing before it either: leave it to the retries (and the dead letters)
        if (missing.length === 0) throw error;
        batch = [...missing, ...batch];
      }
    }
  }

  private async deadLetter(job: Job<EventJobData>, error: Error): Promise<void> {
    for (const event of job.data.events) {
      this.logger.error({
        msg: 'projection gave up on an event: moved to the dead-letter queue',
        eventId: event.id,
        stream: event.stream,
        revision: event.revision,
        type: event.type,
        attempts: job.attemptsMade,
        error: error.message,
      });
      try {
        await this.deadLetters.add(
          event.type,
          {
            event,
            error: error.message,
            failedAt: new Date().toISOString(),
            // enough to re-drive the whole job as the run it was (npm run dead-letters -- retry)
            origin: { queue: job.queueName, jobId: job.id, after: job.data.after },
          } satisfies DeadLetter,
          { jobId: event.id, removeOnComplete: false, removeOnFail: false },
        );
      } catch (addError) {
        // the job also stays in its own queue's failed set
        this.logger.error({
          msg: 'could not add to the dead-letter queue',
          eventId: event.id,
          error: String(addError),
        });
      }
    }
  }

  /** Lets the jobs in hand finish (graceful close), then disconnects. */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => closeWorker(worker, this.logger)));
    await this.deadLetters.close();
  }
}
