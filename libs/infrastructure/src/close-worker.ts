import type { LoggerService } from '@nestjs/common';

/** How long a queue worker gets, when the process stops, to finish its jobs in hand and close. */
export const WORKER_CLOSE_TIMEOUT_MS = 10_000;

/** What closeWorker needs of a BullMQ Worker. */
interface ClosableWorker {
  readonly name: string;
  close(): Promise<void>;
}

/**
 * Closes a BullMQ worker gracefully (the jobs in hand finish), within `timeoutMs`. Worker.close()
 * never returns while its connection is reconnecting (BullMQ #4656: it waits for an 'end' a
 * reconnecting client never emits), and a shutdown must not hang on a Redis that is away: past the
 * timeout it goes on without it (Nest's shutdown hook ends the process once the hooks are done,
 * reconnect timers or not). A job cut short is taken up again by BullMQ's stalled check.
 */
export async function closeWorker(
  worker: ClosableWorker,
  logger: LoggerService,
  timeoutMs = WORKER_CLOSE_TIMEOUT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timed out'>((resolve) => {
    timer = setTimeout(() => resolve('timed out'), timeoutMs);
  });
  const closed = worker.close().then(
    () => 'closed' as const,
    () => 'closed' as const,
  );
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'closed') return;
  logger.warn({
    msg: 'queue worker did not close in time; shutting down without it',
    queue: worker.name,
  });
}
