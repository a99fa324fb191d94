import type { EventStore, From, RecordedEvent } from '@recourse/event-store';
import { inBatches } from './in-batches';

export interface FollowLogOptions {
  /** where to resume: read again from the follower's own checkpoint after each failure */
  from: () => Promise<From>;
  batchSize: number;
  batchWaitMs: number;
  /** pause before resuming after a failure */
  retryDelayMs: number;
  /** ends the following */
  signal: AbortSignal;
  /** handles one batch; the checkpoint it moves is where the next resumption starts */
  onBatch: (batch: RecordedEvent[]) => Promise<unknown>;
  /** told of each failure before the pause (logging) */
  onFailure: (error: unknown) => void;
}

/**
 * Follows the whole event log from a checkpoint, in batches (full ones while catching up, small
 * ones live), until the signal ends it. A failure (store, database, handler) resumes from the
 * checkpoint after a pause: whatever a batch did not commit is handed again.
 */
export async function followLog(store: EventStore, options: FollowLogOptions): Promise<void> {
  const { signal } = options;
  while (!signal.aborted) {
    try {
      const events = store.subscribeToAll(await options.from(), { signal });
      for await (const batch of inBatches(events, options.batchSize, options.batchWaitMs)) {
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
