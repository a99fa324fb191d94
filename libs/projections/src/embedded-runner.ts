import { Logger } from '@nestjs/common';
import type { Database } from '@recourse/database';
import type { EventStore } from '@recourse/event-store';
import {
  ALL_CHECKPOINT,
  applyEvents,
  clearFeederCheckpoint,
  currentPosition,
} from '@recourse/read-models';
import { inBatches } from './in-batches';
import type { ResolvedProjectionOptions } from './options';

const RESTART_DELAY_MS = 1000;

/**
 * Embedded mode (no REDIS_URL): applies events straight from a catch-up subscription, one
 * transaction per batch, with the same handlers the BullMQ workers use.
 */
export class EmbeddedProjectionRunner {
  private readonly logger = new Logger('EmbeddedProjections');
  private readonly abort = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly options: Pick<ResolvedProjectionOptions, 'batchSize' | 'batchWaitMs'>,
  ) {}

  async start(): Promise<void> {
    // this process does not feed Redis: a feeder checkpoint left by an earlier BullMQ run would
    // hold the read models' watermark back
    await clearFeederCheckpoint(this.db);
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        const from = (await currentPosition(this.db)) ?? 'start';
        const events = this.store.subscribeToAll(from, { signal });
        for await (const batch of inBatches(
          events,
          this.options.batchSize,
          this.options.batchWaitMs,
        )) {
          await this.db.transaction((tx) => applyEvents(tx, batch, ALL_CHECKPOINT));
        }
      } catch (error) {
        if (signal.aborted) break;
        this.logger.error({
          msg: 'projection failed; restarting from the checkpoint',
          error: String(error),
        });
        await delay(RESTART_DELAY_MS, signal);
      }
    }
  }
}

export const delay = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
