import { Logger } from '@nestjs/common';
import type { Database } from '@recourse/database';
import { START, type EventStore } from '@recourse/event-store';
import { followLog } from '@recourse/projections';
import { appendToTree, readTreeHead } from './tree-store';

const RESTART_DELAY_MS = 1000;

export interface TreeProjectorOptions {
  batchSize: number;
  batchWaitMs: number;
}

/**
 * Keeps the Merkle tree up with the store: a catch-up subscription on the global order from the
 * tree's own head, one transaction per batch. Runs in every worker (BullMQ or embedded mode):
 * the head row lock makes concurrent projectors take turns and skip what another one appended.
 */
export class TreeProjector {
  private readonly logger = new Logger('LogTree');
  private readonly abort = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly options: TreeProjectorOptions,
  ) {}

  start(): void {
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private run(): Promise<void> {
    return followLog(this.store, {
      from: async () => (await readTreeHead(this.db)).position ?? START,
      batchSize: this.options.batchSize,
      batchWaitMs: this.options.batchWaitMs,
      retryDelayMs: RESTART_DELAY_MS,
      signal: this.abort.signal,
      onBatch: (batch) => this.db.transaction((tx) => appendToTree(tx, batch)),
      onFailure: (error) =>
        this.logger.error({
          msg: 'log tree failed; restarting from its head',
          error: String(error),
        }),
    });
  }
}
