import type { ChainLink, EventStore, From, RecordedEvent } from '@recourse/event-store';
import { inBatches } from './in-batches';

export interface FollowOptions<T> {
  /** where to resume: read again from the follower's own checkpoint after each failure */
  from: () => Promise<From>;
  batchSize: number;
  batchWaitMs: number;
  /** pause before resuming after a failure */
  retryDelayMs: number;
  /** ends the following */
  signal: AbortSignal;
  /** handles one batch; the checkpoint it moves is where the next resumption starts */
  onBatch: (batch: T[]) => Promise<unknown>;
  /** told of each failure before the pause (logging) */
  onFailure: (error: unknown) => void;
}

export type FollowLogOptions = FollowOptions<RecordedEvent>;

/**
 * Follows the whole event log from a checkpoint, in batches (full ones while catching up, small
 * ones live), until the signal ends it. A failure (store, database, handler) resumes from the
 * checkpoint after a pause: whatever a batch did not commit is handed again.
 */
export function followLog(store: EventStore, options: FollowLogOptions): Promise<void> {
  const { batchSize, batchWaitMs, signal } = options;
  return follow(options, (from) =>
    inBatches(store.subscribeToAll(from, { signal }), batchSize, batchWaitMs),
  );
}

/**
 * followLog for a follower that needs only each event's position and chain hash (the
 * transparency log's tree): the store reads no more than that, and hands it in pages.
 */
export function followChain(store: EventStore, options: FollowOptions<ChainLink>): Promise<void> {
  const { batchSize, batchWaitMs, signal } = options;
  return follow(options, async function* (from) {
    const pages = store.subscribeToChain(from, { signal });
    for await (const batch of inBatches(pages, batchSize, batchWaitMs, (page) => page.length)) {
      yield batch.flat();
    }
  });
}

async function follow<T>(
  options: FollowOptions<T>,
  batchesFrom: (from: From) => AsyncIterable<T[]>,
): Promise<void> {
  const { signal } = options;
  while (!signal.aborted) {
    try {
      for await (const batch of batchesFrom(await options.from())) {
        await options.onBatch(batch);
      }
    } catch (error) {
      if (signal.aborted) break;
      options.onFailure(error);
      await delay(options.retryDelayMs, signal);
    }
  }
}

export const delay = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
