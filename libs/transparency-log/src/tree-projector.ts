import { Logger } from '@nestjs/common';
import type { Database } from '@recourse/database';
import type { EventStore } from '@recourse/event-store';
import { delay, inBatches } from '@recourse/projections';
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

  private async run(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        const head = await readTreeHead(this.db);
        const events = this.store.subscribeToAll(head.position ?? 'start', { signal });
        for await (const batch of inBatches(
          events,
          this.options.batchSize,
          this.options.batchWaitMs,
        )) {
          await this.db.transaction((tx) => appendToTree(tx, batch));
        }
      } catch (error) {
        if (signal.aborted) break;
        this.logger.error({
          msg: 'log tree failed; restarting from its head',
          error: String(error),
        });
        await delay(RESTART_DELAY_MS, signal);
      }
    }
  }
}
