import type { LoggerService } from '@nestjs/common';

/** At most one line per emitter in this long, however many errors an outage raises. */
const QUIET_MS = 30_000;

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Reports the connection errors of a BullMQ queue or worker as one structured warning per
 * outage (at most one per 30 s) instead of leaving them unheard: an 'error' without a listener
 * makes BullMQ print a raw stack trace to stderr, once per command, thousands of lines while
 * Redis is away. Readiness and the callers whose commands fail report the outage itself.
 */
export function reportQueueErrors(
  emitter: ErrorEmitter,
  logger: LoggerService,
  context: Record<string, unknown>,
): void {
  let lastReported = -Infinity;
  emitter.on('error', (error) => {
    const now = Date.now();
    if (now - lastReported < QUIET_MS) return;
    lastReported = now;
    logger.warn({ msg: 'queue connection error', ...context, error: error.message });
  });
}
