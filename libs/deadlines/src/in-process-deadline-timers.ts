import { Logger } from '@nestjs/common';
import type { Clock } from '@recourse/domain';
import { msUntilDue, timerId, type DeadlineTimer } from './deadline-timer';
import {
  FIRING_ATTEMPTS,
  FIRING_BACKOFF_MS,
  NOT_DUE_RETRY_MS,
  type DeadlineTimers,
  type TimerHandler,
} from './deadline-timers';

// setTimeout fires at once for delays beyond 2^31-1 ms (~24.8 days): wait in steps instead
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Embedded mode (no REDIS_URL): one setTimeout per pending deadline, measured with the injected
 * clock. Timers live in memory only; after a restart the reconciliation sweep re-arms them.
 */
export class InProcessDeadlineTimers implements DeadlineTimers {
  private readonly logger = new Logger(InProcessDeadlineTimers.name);
  private readonly armed = new Map<string, NodeJS.Timeout>();
  /** fallen due, waiting for a free slot: a burst of deadlines must not swamp the database */
  private readonly due: { timer: DeadlineTimer; attempt: number }[] = [];
  private readonly running = new Set<Promise<void>>();
  private started = false;

  constructor(
    private readonly firing: TimerHandler,
    private readonly clock: Clock,
    /** timers fired at once, as a BullMQ worker's concurrency */
    private readonly concurrency = 16,
  ) {}

  async arm(timers: readonly DeadlineTimer[]): Promise<void> {
    for (const timer of timers) {
      if (!this.armed.has(timerId(timer))) this.wait(timer, msUntilDue(timer, this.clock.now()), 1);
    }
  }

  async disarm(timers: readonly DeadlineTimer[]): Promise<void> {
    for (const timer of timers) {
      const id = timerId(timer);
      clearTimeout(this.armed.get(id));
      this.armed.delete(id);
    }
  }

  async pending(): Promise<number> {
    return this.armed.size + this.due.length;
  }

  async start(): Promise<void> {
    this.started = true;
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const handle of this.armed.values()) clearTimeout(handle);
    this.armed.clear();
    this.due.length = 0;
    await Promise.allSettled([...this.running]);
  }

  /** whether the timer waits to fire (tests, diagnostics) */
  isArmed(timer: DeadlineTimer): boolean {
    return this.armed.has(timerId(timer));
  }

  private wait(timer: DeadlineTimer, delayMs: number, attempt: number): void {
    const id = timerId(timer);
    const handle = setTimeout(
      () => {
        this.armed.delete(id);
        if (!this.started) return;
        // woken early (a capped wait, or the clock is not wall time): wait for the rest
        const remaining = msUntilDue(timer, this.clock.now());
        if (remaining > 0) return this.wait(timer, remaining, attempt);
        this.due.push({ timer, attempt });
        this.drain();
      },
      Math.min(delayMs, LONGEST_TIMEOUT_MS),
    );
    this.armed.set(id, handle);
  }

  private async run(timer: DeadlineTimer, attempt: number): Promise<void> {
    try {
      const result = await this.firing.fire(timer);
      if (result.outcome === 'not-due') this.rearm(timer, NOT_DUE_RETRY_MS, attempt);
    } catch (error) {
      if (attempt >= FIRING_ATTEMPTS) {
        this.logger.error({
          msg: 'deadline timer gave up; the sweep will retry',
          timer: timerId(timer),
          error,
        });
        return;
      }
      this.rearm(timer, FIRING_BACKOFF_MS * 2 ** (attempt - 1), attempt + 1);
    }
  }

  private rearm(timer: DeadlineTimer, delayMs: number, attempt: number): void {
    if (this.started && !this.armed.has(timerId(timer))) this.wait(timer, delayMs, attempt);
  }

  private drain(): void {
    while (this.started && this.running.size < this.concurrency && this.due.length > 0) {
      const { timer, attempt } = this.due.shift()!;
      const run = this.run(timer, attempt).finally(() => {
        this.running.delete(run);
        this.drain();
      });
      this.running.add(run);
    }
  }
}
