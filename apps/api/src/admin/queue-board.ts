import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { RecourseConfig } from '@recourse/config';
import { DEFAULT_BULLMQ_TIMER_OPTIONS } from '@recourse/deadlines';
import { CONFIG, openRedis, reportQueueErrors } from '@recourse/infrastructure';
import {
  DELIVERY_DEAD_LETTER_QUEUE,
  DELIVERY_QUEUE,
  REMINDER_QUEUE,
} from '@recourse/notifications';
import {
  DEAD_LETTER_QUEUE,
  partitionQueueName,
  resolveProjectionOptions,
} from '@recourse/projections';

export const QUEUE_BOARD_PATH = '/admin/queues';
export const QUEUE_BOARD_PREFIX = Symbol('QUEUE_BOARD_PREFIX');

type RequestHandler = (
  request: unknown,
  response: unknown,
  next: (error?: unknown) => void,
) => void;

/** Every BullMQ queue Recourse uses, by the names the workers give them. */
export function recourseQueueNames(): string[] {
  const { partitions } = resolveProjectionOptions();
  return [
    ...Array.from({ length: partitions }, (_, k) => partitionQueueName(k)),
    DEAD_LETTER_QUEUE,
    DEFAULT_BULLMQ_TIMER_OPTIONS.queueName,
    REMINDER_QUEUE,
    DELIVERY_QUEUE,
    DELIVERY_DEAD_LETTER_QUEUE,
  ];
}

/**
 * Bull Board over the queues in Redis, whichever process feeds and works them: an api process
 * without workers (--api-only) shows the worker's queues too. Read-only: retrying or removing a
 * projection job out of order would bypass the dead-letter bookkeeping (npm run dead-letters).
 */
@Injectable()
export class QueueBoard implements OnApplicationShutdown {
  readonly handle: RequestHandler;
  private readonly redis: Redis;
  private readonly queues: Queue[];

  constructor(@Inject(CONFIG) config: RecourseConfig, @Inject(QUEUE_BOARD_PREFIX) prefix: string) {
    // a board request while Redis is away fails at once rather than waiting for it
    this.redis = openRedis(config.redisUrl!, { maxRetriesPerRequest: 1 });
    const logger = new Logger('QueueBoard');
    this.queues = recourseQueueNames().map((name) => {
      const queue = new Queue(name, { connection: this.redis, prefix });
      // the request that needed Redis fails; the outage is logged once, as the workers' queues do
      reportQueueErrors(queue, logger, { queue: name });
      return queue;
    });
    const server = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: this.queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      serverAdapter: server,
      options: { uiConfig: { boardTitle: 'Recourse queues' } },
    });
    const app = server.getRouter() as RequestHandler & { disable(setting: string): void };
    app.disable('x-powered-by');
    this.handle = app;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.redis.disconnect();
  }
}
