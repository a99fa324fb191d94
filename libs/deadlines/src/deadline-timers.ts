import type { DeadlineTimer } from './deadline-timer';
import type { FiringResult } from './deadline-firing';

/**
 * What a timer runs when it falls due: DeadlineFiring for the statutory deadlines; other
 * timers (the notifier's reminders) bring their own, on their own queue.
 */
export interface TimerHandler {
  fire(timer: DeadlineTimer): Promise<FiringResult>;
}

/**
 * Where pending deadlines wait until they fall due: BullMQ delayed jobs (Redis) or in-process
 * timers (embedded mode). Both end in DeadlineFiring; neither needs to be exact, because the
 * domain decides when a timer fires and the reconciliation sweep catches anything lost.
 */
export interface DeadlineTimers {
  /** starts a timer per deadline; arming a timer that is already armed changes nothing */
  arm(timers: readonly DeadlineTimer[]): Promise<void>;
  /** drops pending timers; one already running finishes (the domain check makes that harmless) */
  disarm(timers: readonly DeadlineTimer[]): Promise<void>;
  /**
   * Called when the timers were lost (Redis restarted empty): the handler re-arms every pending
   * deadline. Timers that cannot lose their data (in-process, rebuilt at start) have none.
   */
  whenLost?(handler: () => Promise<unknown>): void;
  /** how many timers wait to fire (armed, not run yet) */
  pending(): Promise<number>;
  /** starts running timers that fall due (after a loss: once the handler re-armed them) */
  start(): Promise<void>;
  /** stops running timers and waits for the running ones to finish */
  stop(): Promise<void>;
}

/** How long to wait before asking again when the domain's clock says "not due yet". */
export const NOT_DUE_RETRY_MS = 250;

/** A failing command (store down) is retried this often, with exponential backoff… */
export const FIRING_ATTEMPTS = 5;
/** …starting at this delay; after the last attempt the reconciliation sweep takes over. */
export const FIRING_BACKOFF_MS = 1000;

/** Timers armed at once by armSoonestFirst (one BullMQ addBulk). */
const ARM_CHUNK = 200;

/**
 * Arms many timers (a re-arm after a loss), soonest first, a chunk at a time: the ones due in
 * the next seconds are armed after the first round trip, not after every other.
 */
export async function armSoonestFirst(
  timers: DeadlineTimers,
  toArm: readonly DeadlineTimer[],
): Promise<void> {
  const sorted = [...toArm].sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
  for (let start = 0; start < sorted.length; start += ARM_CHUNK) {
    await timers.arm(sorted.slice(start, start + ARM_CHUNK));
  }
}
