import { Logger } from '@nestjs/common';
import type { Clock } from '@recourse/domain';
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  closeRedis,
  closeWorker,
  openRedis,
  REDIS_RECONNECT_MAX_MS,
  reportQueueErrors,
} from '@recourse/infrastructure';
import { msUntilDue, timerId, type DeadlineTimer } from './deadline-timer';
import type { FiringResult } from './deadline-firing';
import {
  FIRING_ATTEMPTS,
  FIRING_BACKOFF_MS,
  NOT_DUE_RETRY_MS,
  type DeadlineTimers,
  type TimerHandler,
} from './deadline-timers';

export interface BullmqDeadlineTimersOptions {
  redisUrl: string;
  /** namespaces every Redis key of the queue (tests use a unique one each) */
  prefix: string;
  queueName: string;
  /** jobs run at once per worker process */
  concurrency: number;
}

export const DEFAULT_BULLMQ_TIMER_OPTIONS = {
  prefix: 'recourse',
  queueName: 'deadlines',
  concurrency: 16,
} as const;

const JOB_NAME = 'deadline';
const DAY_S = 86_400;
/** how often the marker is checked besides on reconnecting: a flushed Redis is noticed within this */
const MARKER_CHECK_MS = 1_000;
/** a timer whose worker died is taken up again after this long (BullMQ's stalled-job check) */
const LOCK_DURATION_MS = 2_000;

/**
 * Production mode: one BullMQ delayed job per pending deadline, id = case.kind.revision, so the
 * scheduler and the sweep can arm the same deadline any number of times and it stays one job.
 */
export class BullmqDeadlineTimers implements DeadlineTimers {
  private readonly logger = new Logger(BullmqDeadlineTimers.name);
  private readonly connection: Redis;
  private readonly queue: Queue<DeadlineTimer, FiringResult['outcome']>;
  private worker?: Worker<DeadlineTimer, FiringResult['outcome']>;
  private onLost?: () => Promise<unknown>;
  private watchdog?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private readonly checkOnReconnect = () => void this.checkMarker();

  constructor(
    private readonly options: BullmqDeadlineTimersOptions,
    private readonly firing: TimerHandler,
    private readonly clock: Clock,
  ) {
    this.connection = openRedis(options.redisUrl);
    this.queue = new Queue(options.queueName, {
      connection: this.connection,
      prefix: options.prefix,
    });
    reportQueueErrors(this.queue, this.logger, { queue: options.queueName });
  }

  async arm(timers: readonly DeadlineTimer[]): Promise<void> {
    if (timers.length === 0) return;
    const now = this.clock.now();
    await this.queue.addBulk(
      timers.map((timer) => ({
        name: JOB_NAME,
        data: timer,
        opts: {
          jobId: timerId(timer),
          delay: msUntilDue(timer, now),
          attempts: FIRING_ATTEMPTS,
          backoff: { type: 'exponential', delay: FIRING_BACKOFF_MS },
          // kept a while so that arming a deadline that already fired stays a no-op
          removeOnComplete: { age: DAY_S },
          removeOnFail: { age: 7 * DAY_S },
        },
      })),
    );
  }

  async disarm(timers: readonly DeadlineTimer[]): Promise<void> {
    // a job that is running right now is locked and stays; the domain check makes it harmless
    await Promise.all(timers.map((timer) => this.queue.remove(timerId(timer))));
  }

  pending(): Promise<number> {
    return this.queue.getJobCountByTypes('delayed', 'waiting', 'prioritized');
  }

  whenLost(handler: () => Promise<unknown>): void {
    this.onLost = handler;
  }

  /**
   * Starts the worker; then, when Redis holds no marker (it was restarted empty, flushed, or is
   * new), calls the whenLost handler before resolving, and checks again whenever the connection
   * is back (a restarted Redis is seen at once) and every second (a flush keeps the connection).
   */
  async start(): Promise<void> {
    this.worker = new Worker(this.options.queueName, (job, token) => this.process(job, token), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency: this.options.concurrency,
      lockDuration: LOCK_DURATION_MS,
      stalledInterval: LOCK_DURATION_MS / 2,
      // after a connection error the worker fetches again this soon: BullMQ's default (15 s)
      // would leave due timers waiting that long once Redis is back
      runRetryDelay: REDIS_RECONNECT_MAX_MS,
    });
    this.worker.on('failed', (job, error) =>
      this.logger.warn({
        msg: 'deadline job failed',
        timer: job?.id,
        attempt: job?.attemptsMade,
        error,
      }),
    );
    this.worker.on('error', (error) => this.logger.error({ msg: 'deadline worker error', error }));
    await this.worker.waitUntilReady();
    await this.checkMarker();
    // only now: a 'ready' before the first check would set the marker without a handler's re-arm
    this.connection.on('ready', this.checkOnReconnect);
    this.watchdog = setInterval(() => void this.checkMarker(), MARKER_CHECK_MS);
    this.watchdog.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.watchdog);
    this.connection.off('ready', this.checkOnReconnect);
    await this.checking;
    if (this.worker) await closeWorker(this.worker, this.logger);
    await this.queue.close();
    await closeRedis(this.connection);
  }

  /** the queue, for health checks and tests */
  get jobs(): Queue<DeadlineTimer, FiringResult['outcome']> {
    return this.queue;
  }

  /**
   * SET NX on the marker: whoever sets it saw a Redis without it, one that holds none of the
   * timers, and re-arms them all (one process suffices; the others see the marker). One marker
   * per queue: a process's other timers (the notifier's reminders) must not take this one's.
   */
  private checkMarker(): Promise<void> {
    this.checking ??= (async () => {
      try {
        const { prefix, queueName } = this.options;
        const set = await this.connection.set(`${prefix}:${queueName}:kept`, '1', 'NX');
        if (set !== 'OK') return;
        this.logger.warn({ msg: 'Redis holds no deadline timers: re-arming every pending one' });
        const started = Date.now();
        const report = await this.onLost?.();
        this.logger.log({ msg: 'deadline timers re-armed', report, ms: Date.now() - started });
      } catch (error) {
        // Redis away (checked again in a second) or the re-arm failed (the sweep covers it)
        this.logger.warn({ msg: 'deadline timer marker check failed', error: String(error) });
      } finally {
        this.checking = undefined;
      }
    })();
    return this.checking;
  }

  private async process(
    job: Job<DeadlineTimer, FiringResult['outcome']>,
    token: string | undefined,
  ): Promise<FiringResult['outcome']> {
    const result = await this.firing.fire(job.data);
    if (result.outcome === 'not-due') {
      const delay = Math.max(NOT_DUE_RETRY_MS, msUntilDue(job.data, this.clock.now()));
      // BullMQ counts delays on the wall clock, whatever clock the domain is given
      await job.moveToDelayed(Date.now() + delay, token);
      throw new DelayedError();
    }
    return result.outcome;
  }
}
