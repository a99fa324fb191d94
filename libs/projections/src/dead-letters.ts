import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Database } from '@recourse/database';
import { advanceOverRun, partitionCheckpoint } from '@recourse/read-models';
import { runOf, type EventJobData } from './event-job';
import { DEAD_LETTER_QUEUE, partitionQueueName, resolveProjectionOptions } from './options';
import { partitionOf } from './partition';
import type { DeadLetter } from './projection-workers';

/** One job that gave up, as its dead letters (one per event) tell it. */
export interface DeadJob {
  /** the partition queue it came from */
  queue: string;
  jobId: string;
  events: DeadLetter['event'][];
  after: EventJobData['after'];
  error: string;
  failedAt: string;
}

export interface DeadLetterReport {
  jobs: number;
  events: number;
}

const STATES = ['waiting', 'delayed', 'prioritized', 'failed', 'completed'] as const;

/**
 * The projection dead-letter queue for operators (`npm run dead-letters -- list|retry|drop`):
 * dead letters grouped back into the jobs they came from, re-driven as those jobs (so the
 * partition checkpoint moves over their run once they apply) or dropped.
 */
export class DeadLetters {
  private readonly queue: Queue;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    this.queue = new Queue(DEAD_LETTER_QUEUE, { connection: redis, prefix });
  }

  async list(): Promise<DeadJob[]> {
    const letters = (await this.queue.getJobs([...STATES])).filter(Boolean) as Job<DeadLetter>[];
    const jobs = new Map<string, DeadJob>();
    for (const { data } of letters) {
      const queue = data.origin?.queue ?? 'unknown';
      const jobId = data.origin?.jobId ?? data.event.id;
      const key = `${queue}/${jobId}`;
      const job = jobs.get(key) ?? {
        queue,
        jobId,
        events: [],
        after: data.origin?.after,
        error: data.error,
        failedAt: data.failedAt,
      };
      job.events.push(data.event);
      jobs.set(key, job);
    }
    for (const job of jobs.values()) job.events.sort(byPosition);
    return [...jobs.values()].sort((a, b) => a.failedAt.localeCompare(b.failedAt));
  }

  /**
   * Hands each dead job back to its partition queue as it was (its run included), then removes
   * its dead letters. A job that fails again comes back here after its attempts.
   */
  async retry(only?: string): Promise<DeadLetterReport> {
    const report = { jobs: 0, events: 0 };
    for (const job of await this.selected(only)) {
      const queue = new Queue(partitionQueue(job), {
        connection: this.redis,
        prefix: this.prefix,
      });
      try {
        const data: EventJobData = {
          events: job.events,
          ...(job.after === undefined ? {} : { after: job.after }),
        };
        await queue.add(job.events[0].type, data, {
          jobId: `redrive-${job.jobId}-${Date.now()}`,
          attempts: 10,
          backoff: { type: 'exponential', delay: 100 },
          removeOnComplete: { age: 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        });
      } finally {
        await queue.close();
      }
      await this.remove(job);
      report.jobs += 1;
      report.events += job.events.length;
    }
    return report;
  }

  /**
   * Forgets dead jobs: their events stay out of the read models (until a rebuild), and their run
   * counts as done, so that the partition checkpoint is not held behind them for ever.
   */
  async drop(db: Database, only?: string): Promise<DeadLetterReport> {
    const report = { jobs: 0, events: 0 };
    for (const job of await this.selected(only)) {
      const run = runOf({ events: job.events, after: job.after });
      const partition = /p(\d+)$/.exec(job.queue)?.[1];
      if (run && partition !== undefined) {
        const last = job.events[job.events.length - 1].position;
        await db.transaction((tx) =>
          advanceOverRun(tx, partitionCheckpoint(Number(partition)), run, {
            commit: BigInt(last.commit),
            prepare: BigInt(last.prepare),
          }),
        );
      }
      await this.remove(job);
      report.jobs += 1;
      report.events += job.events.length;
    }
    return report;
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  private async selected(only?: string): Promise<DeadJob[]> {
    const jobs = await this.list();
    return only === undefined
      ? jobs
      : jobs.filter((job) => job.jobId === only || job.events.some((event) => event.id === only));
  }

  private async remove(job: DeadJob): Promise<void> {
    await Promise.all(job.events.map((event) => this.queue.remove(event.id)));
  }
}

/** a dead letter names its queue; one from before that did not goes where its stream belongs */
const partitionQueue = (job: DeadJob): string =>
  /^projections\.p\d+$/.test(job.queue)
    ? job.queue
    : partitionQueueName(partitionOf(job.events[0].stream, resolveProjectionOptions().partitions));

const byPosition = (a: DeadLetter['event'], b: DeadLetter['event']): number => {
  const ac = BigInt(a.position.commit);
  const bc = BigInt(b.position.commit);
  if (ac !== bc) return ac < bc ? -1 : 1;
  const ap = BigInt(a.position.prepare);
  const bp = BigInt(b.position.prepare);
  return ap === bp ? 0 : ap < bp ? -1 : 1;
};
