import { Logger } from '@nestjs/common';
import { reportQueueErrors } from '@recourse/infrastructure';
import { randomUUID } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '@recourse/database';
import {
  comparePositions,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@recourse/event-store';
import { adoptFeed, saveFeederCheckpoint } from '@recourse/read-models';
import { delay } from './follow-log';
import { jobIdOf, toJobData } from './event-job';
import { inBatches } from './in-batches';
import { epochKey, partitionQueueName, type ResolvedProjectionOptions } from './options';
import { partitionOf } from './partition';

const RESTART_DELAY_MS = 1000;

/**
 * The epoch in force, set to ARGV[1] first if there is none (or an older marker, which held a
 * date: an epoch is part of job ids, which BullMQ forbids ':' in). One step, so that of several
 * feeders finding Redis empty one sets the epoch and the others take it.
 */
const CLAIM_EPOCH = `
  local epoch = redis.call('GET', KEYS[1])
  if epoch and not string.find(epoch, ':', 1, true) then return epoch end
  redis.call('SET', KEYS[1], ARGV[1])
  return ARGV[1]`;

/** A newer feed began (Redis lost its queues) while this one was handing a batch. */
class FeedSuperseded extends Error {
  constructor(epoch: string) {
    super(`feed ${epoch} was superseded by a newer one`);
    this.name = 'FeedSuperseded';
  }
}

/**
 * Feeds BullMQ from a catch-up subscription: each batch of events goes to the partition queues,
 * one job per partition holding that partition's events in order (job id = epoch + first and last
 * event id, so a re-feed of a job still in Redis is a no-op), and only then is the "handed to Redis" position saved in the read-model database: it
 * never runs ahead of what Redis holds. A marker key holding the epoch tells it when Redis lost
 * its data (flushed, restarted empty); it then feeds again from the read models' own checkpoint
 * under a new epoch, so nothing is lost.
 */
export class ProjectionFeeder {
  private readonly logger = new Logger('ProjectionFeeder');
  private readonly stopping = new AbortController();
  private readonly queues: Queue[];
  private subscription?: AbortController;
  private running?: Promise<void>;
  private watchdog?: NodeJS.Timeout;
  private readonly jobOptions: JobsOptions;
  /** the feed this process hands events to (the marker's value) */
  private epoch = '';
  /** the last event this feed handed to each partition: where each partition's next run starts */
  private handedTo = new Map<number, Position>();

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly redis: Redis,
    private readonly options: ResolvedProjectionOptions,
  ) {
    this.queues = Array.from(
      { length: options.partitions },
      (_, k) => new Queue(partitionQueueName(k), { connection: redis, prefix: options.prefix }),
    );
    this.queues.forEach((queue, k) => reportQueueErrors(queue, this.logger, { partition: k }));
    this.jobOptions = {
      attempts: options.attempts,
      backoff: { type: 'exponential', delay: options.backoffMs },
      removeOnComplete: { age: 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  async start(): Promise<void> {
    this.running = this.run();
    this.watchdog = setInterval(() => void this.checkRedis(), this.options.redisCheckMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.watchdog);
    this.stopping.abort();
    this.subscription?.abort();
    await this.running;
    await Promise.all(this.queues.map((queue) => queue.close()));
  }

  /** jobs (batches of events) each partition's queue holds: waiting, running or backing off */
  queueDepths(): Promise<number[]> {
    return Promise.all(
      this.queues.map((queue) =>
        queue.getJobCountByTypes('waiting', 'prioritized', 'active', 'delayed'),
      ),
    );
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const subscription = new AbortController();
      this.subscription = subscription;
      try {
        const from = await this.startingPoint();
        this.logger.log({
          msg: 'feeding BullMQ',
          from: from === 'start' ? from : `${from.commit}-${from.prepare}`,
        });
        const events = this.store.subscribeToAll(from, { signal: subscription.signal });
        for await (const batch of inBatches(
          events,
          this.options.batchSize,
          this.options.batchWaitMs,
        )) {
          // Redis lost its queues since the last check: restart from the read models instead
          if (!(await this.redisIntact())) break;
          await this.hand(batch);
        }
      } catch (error) {
        if (this.stopping.signal.aborted) break;
        // as when a check finds the epoch changed: take up the new feed at once
        if (error instanceof FeedSuperseded) continue;
        this.logger.error({
          msg: 'feeder failed; restarting from the checkpoint',
          error: String(error),
        });
        await delay(RESTART_DELAY_MS, this.stopping.signal);
      } finally {
        subscription.abort();
      }
    }
  }

  /**
   * Where to resume: what this feed handed to Redis. When Redis is empty (first start, flush,
   * restart without persistence) a new feed begins, under a new epoch (whatever survived of the
   * lost data, a job or a job's key, is not this feed's): what Redis held but no worker applied
   * is gone, so the feed hands everything after the read models' watermark again. Of several
   * feeders, one sets the epoch and one resets the checkpoint; all then feed from it.
   */
  private async startingPoint(): Promise<Position | 'start'> {
    const candidate = randomUUID();
    const epoch = String(
      await this.redis.eval(CLAIM_EPOCH, 1, epochKey(this.options.prefix), candidate),
    );
    const { checkpoint, reset } = await this.db.transaction((tx) =>
      adoptFeed(tx, epoch, this.options.partitions),
    );
    this.epoch = epoch;
    this.handedTo = new Map(checkpoint?.byPartition ?? []);
    if (epoch === candidate) {
      this.logger.warn({
        msg: 'Redis holds no queues: feeding again from the read-model checkpoint',
        epoch,
      });
    } else if (reset) {
      this.logger.warn({ msg: 'a new feed: feeding again from the read-model checkpoint', epoch });
    }
    return checkpoint?.handed ?? 'start';
  }

  private async redisIntact(): Promise<boolean> {
    return (await this.redis.get(epochKey(this.options.prefix))) === this.epoch;
  }

  /** Between batches, a quiet stream would never notice a flush: check now and then. */
  private async checkRedis(): Promise<void> {
    try {
      if (!(await this.redisIntact())) this.subscription?.abort();
    } catch {
      // Redis unreachable: BullMQ reconnects, the next check decides
    }
  }

  private async hand(batch: RecordedEvent[]): Promise<void> {
    const byPartition = new Map<number, RecordedEvent[]>();
    for (const event of batch) {
      const k = partitionOf(event.stream, this.options.partitions);
      const events = byPartition.get(k) ?? [];
      events.push(event);
      byPartition.set(k, events);
    }
    await Promise.all(
      [...byPartition].map(([k, events]) =>
        this.queues[k].add(
          events[0].type,
          toJobData(events, this.epoch, this.handedTo.get(k) ?? null),
          {
            ...this.jobOptions,
            jobId: jobIdOf(this.epoch, events),
          },
        ),
      ),
    );
    const lastByPartition = new Map(
      [...byPartition].map(([k, events]) => [k, events[events.length - 1].position]),
    );
    const last = batch.reduce((a, b) => (comparePositions(a.position, b.position) >= 0 ? a : b));
    const saved = await this.db.transaction((tx) =>
      saveFeederCheckpoint(tx, this.epoch, last.position, this.options.partitions, lastByPartition),
    );
    // the jobs just added are stale already (their epoch is not Redis's): begin again from the
    // new feed's checkpoint
    if (!saved) throw new FeedSuperseded(this.epoch);
    for (const [k, position] of lastByPartition) this.handedTo.set(k, position);
  }
}
