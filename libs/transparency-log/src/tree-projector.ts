import { Logger } from '@nestjs/common';
import type { Database } from '@recourse/database';
import { START, type ChainLink, type EventStore } from '@recourse/event-store';
import { followChain } from '@recourse/projections';
import { appendToTree, readTreeEdge, type TreeEdge } from './tree-store';

const RESTART_DELAY_MS = 1000;

export interface TreeProjectorOptions {
  batchSize: number;
  batchWaitMs: number;
}

/**
 * Keeps the Merkle tree up with the store: a catch-up subscription to the chain (each event's
 * position and hash) from the tree's own head, one statement per batch. Runs in every worker
 * (BullMQ or embedded mode): the head row lock makes concurrent projectors take turns, and one
 * that finds the head moved reads the edge again and skips what the other appended.
 */
export class TreeProjector {
  private readonly logger = new Logger('LogTree');
  private readonly abort = new AbortController();
  private running?: Promise<void>;
  /** the tree's edge as this projector last wrote or read it; unknown after a failure */
  private edge?: TreeEdge;

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

  private async append(links: ChainLink[]): Promise<void> {
    try {
      for (;;) {
        this.edge ??= await readTreeEdge(this.db);
        const after = await appendToTree(this.db, this.edge, links);
        if (after) return void (this.edge = after);
        this.edge = undefined;
      }
    } catch (error) {
      // the statement may have committed even so (a connection lost on the way back)
      this.edge = undefined;
      throw error;
    }
  }

  private run(): Promise<void> {
    return followChain(this.store, {
      from: async () => {
        this.edge = await readTreeEdge(this.db);
        return this.edge.head.position ?? START;
      },
      batchSize: this.options.batchSize,
      batchWaitMs: this.options.batchWaitMs,
      retryDelayMs: RESTART_DELAY_MS,
      signal: this.abort.signal,
      onBatch: (batch) => this.append(batch),
      onFailure: (error) =>
        this.logger.error({
          msg: 'log tree failed; restarting from its head',
          error: String(error),
        }),
    });
  }
}
