import { Logger } from '@nestjs/common';
import type { Database } from '@recourse/database';
import { START, type EventStore } from '@recourse/event-store';
import {
  ALL_CHECKPOINT,
  applyEvents,
  clearFeederCheckpoint,
  currentPosition,
} from '@recourse/read-models';
import { followLog } from './follow-log';
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

  private run(): Promise<void> {
    return followLog(this.store, {
      from: async () => (await currentPosition(this.db)) ?? START,
      batchSize: this.options.batchSize,
      batchWaitMs: this.options.batchWaitMs,
      retryDelayMs: RESTART_DELAY_MS,
      signal: this.abort.signal,
      onBatch: (batch) => this.db.transaction((tx) => applyEvents(tx, batch, ALL_CHECKPOINT)),
      onFailure: (error) =>
        this.logger.error({
          msg: 'projection failed; restarting from the checkpoint',
          error: String(error),
        }),
    });
  }
}
