import { Logger } from '@nestjs/common';
import { closeWorker, REDIS_RECONNECT_MAX_MS, reportQueueErrors } from '@recourse/infrastructure';
import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Counter } from 'prom-client';
import type { Metrics } from '@recourse/observability';
import type { DeliverySender } from './delivery-sender';

/** How deliveries are retried: `attempts` in all, the first retry after `backoffMs`, doubling. */
export interface DeliveryRetryOptions {
  attempts: number;
  backoffMs: number;
  /** BullMQ: a job whose worker died is taken up again after this long */
  lockDurationMs: number;
}

export const DEFAULT_DELIVERY_RETRY: DeliveryRetryOptions = {
  attempts: 10,
  backoffMs: 1000,
  lockDurationMs: 30_000,
};

/** Where deliveries wait for their attempts: BullMQ (REDIS_URL) or this process (embedded). */
export interface DeliveryQueue {
  /** handing a delivery that is already queued (or done) changes nothing */
  hand(ids: readonly string[]): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const DELIVERY_QUEUE = 'notify.deliveries';
export const DELIVERY_DEAD_LETTER_QUEUE = 'notify.dead-letter';

const deadLetterCounter = (metrics?: Metrics): Counter | undefined =>
  metrics?.counter({
    name: 'recourse_delivery_dead_letters_total',
    help: 'Notification deliveries (webhooks, e-mails) given up after their last attempt',
  });

/**
 * BullMQ: one job per delivery, job id = delivery id (the webhook-id), so a delivery handed twice
 * is one job; exponential backoff; after the last attempt the job goes to the dead-letter queue.
 * A worker that dies mid-delivery loses its lock, and the job runs again, with the same id.
 */
export class BullmqDeliveryQueue implements DeliveryQueue {
  private readonly logger = new Logger('DeliveryQueue');
  private readonly queue: Queue<{ id: string }>;
  private readonly deadLetters: Queue;
  private worker?: Worker<{ id: string }>;
  private readonly deadLettered?: Counter;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly sender: DeliverySender,
    private readonly retry: DeliveryRetryOptions,
    metrics?: Metrics,
  ) {
    this.queue = new Queue(DELIVERY_QUEUE, { connection: redis, prefix });
    this.deadLetters = new Queue(DELIVERY_DEAD_LETTER_QUEUE, { connection: redis, prefix });
    reportQueueErrors(this.queue, this.logger, { queue: DELIVERY_QUEUE });
    reportQueueErrors(this.deadLetters, this.logger, { queue: DELIVERY_DEAD_LETTER_QUEUE });
    this.deadLettered = deadLetterCounter(metrics);
  }

  async hand(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.queue.addBulk(
      ids.map((id) => ({
        name: 'delivery',
        data: { id },
        opts: {
          jobId: id,
          attempts: this.retry.attempts,
          backoff: { type: 'exponential', delay: this.retry.backoffMs },
          removeOnComplete: { age: 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  async start(): Promise<void> {
    this.worker = new Worker<{ id: string }>(
      DELIVERY_QUEUE,
      async (job) => {
        await this.sender.attempt(job.data.id, job.attemptsMade + 1);
      },
      {
        connection: this.redis,
        prefix: this.prefix,
        concurrency: 8,
        lockDuration: this.retry.lockDurationMs,
        stalledInterval: this.retry.lockDurationMs,
        // after a connection error, fetch again this soon (BullMQ's default is 15 s): deliveries
        // would wait that long once Redis is back
        runRetryDelay: REDIS_RECONNECT_MAX_MS,
      },
    );
    this.worker.on('failed', (job, error) => {
      if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
      this.deadLettered?.inc();
      void this.deadLetter(job.data.id, error.message);
    });
    this.worker.on('error', (error) =>
      this.logger.error({ msg: 'delivery worker error', error: error.message }),
    );
    await this.worker.waitUntilReady();
  }

  private async deadLetter(id: string, error: string): Promise<void> {
    try {
      await this.sender.giveUp(id, error);
      await this.deadLetters.add(
        'delivery',
        { id, error, failedAt: new Date().toISOString() },
        { jobId: id, removeOnComplete: false, removeOnFail: false },
      );
    } catch (addError) {
      this.logger.error({ msg: 'could not dead-letter a delivery', id, error: String(addError) });
    }
  }

  async stop(): Promise<void> {
    if (this.worker) await closeWorker(this.worker, this.logger);
    await this.queue.close();
    await this.deadLetters.close();
  }
}

/**
 * Embedded mode: attempts run in this process, retried with the same exponential backoff.
 * Deliveries live in the database until done, so after a restart the pending ones are handed
 * again (DeliveryQueue users hand every pending delivery at start).
 */
export class InProcessDeliveryQueue implements DeliveryQueue {
  private readonly handed = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private started = false;
  private readonly deadLettered?: Counter;

  constructor(
    private readonly sender: DeliverySender,
    private readonly retry: DeliveryRetryOptions,
    metrics?: Metrics,
  ) {
    this.deadLettered = deadLetterCounter(metrics);
  }

  async hand(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (this.handed.has(id)) continue;
      this.handed.add(id);
      this.run(id, 1);
    }
  }

  async start(): Promise<void> {
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private run(id: string, attempt: number): void {
    if (!this.started) return;
    const run = this.sender
      .attempt(id, attempt)
      .then(
        () => this.handed.delete(id),
        (error: Error) => {
          if (attempt >= this.retry.attempts) {
            this.handed.delete(id);
            this.deadLettered?.inc();
            return this.sender.giveUp(id, error.message);
          }
          const timer = setTimeout(
            () => {
              this.timers.delete(timer);
              this.run(id, attempt + 1);
            },
            this.retry.backoffMs * 2 ** (attempt - 1),
          );
          this.timers.add(timer);
        },
      )
      .catch(() => this.handed.delete(id))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }
}
