import { Logger } from '@nestjs/common';
import type { Database } from '@recourse/database';
import {
  START,
  comparePositions,
  type EventStore,
  type From,
  type Position,
  type RecordedEvent,
} from '@recourse/event-store';
import { caseIdOfStream } from '@recourse/domain';
import type { DeadlineTimer } from './deadline-timer';
import { armSoonestFirst, type DeadlineTimers } from './deadline-timers';
import { schedulerCheckpoint } from './scheduler-checkpoint';
import { caseEventAt, pendingTimers, timersSetBy } from './timer-plan';

export interface DeadlineSchedulerOptions {
  /** the checkpoint is written at most this often (and on stop); replaying a little is harmless */
  checkpointEveryMs: number;
  /** pause before resubscribing after the store failed */
  retryDelayMs: number;
}

/** events read at once when replaying */
const REPLAY_PAGE = 500;

export const DEFAULT_SCHEDULER_OPTIONS: DeadlineSchedulerOptions = {
  checkpointEveryMs: 500,
  retryDelayMs: 1000,
};

/**
 * Turns the event stream into timers: its own catch-up subscription to all events, from its own
 * checkpoint in the database. Every event that sets or moves a deadline arms a timer, and so
 * does the end of a case when the policy has a retention; an
 * information request disarms the paused response timer. Arming is idempotent (the timer id is
 * case.kind.revision), so a replay after a crash, or a second worker process, changes nothing.
 */
export class DeadlineScheduler {
  private readonly logger = new Logger(DeadlineScheduler.name);
  private abort?: AbortController;
  private running?: Promise<void>;
  private handled: Position | null = null;
  private saved: Position | null = null;
  private checkpointTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: EventStore,
    private readonly db: Database,
    private readonly timers: DeadlineTimers,
    /** the policy's retention.personalData: a case that ends arms its retention; null: none */
    private readonly retention: string | null,
    private readonly options: DeadlineSchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
  ) {}

  async start(): Promise<void> {
    this.handled = this.saved = await schedulerCheckpoint.read(this.db);
    this.abort = new AbortController();
    this.running = this.run(this.abort.signal);
    this.checkpointTimer = setInterval(
      () => void this.saveCheckpoint(),
      this.options.checkpointEveryMs,
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.checkpointTimer);
    this.abort?.abort();
    await this.running;
    await this.saveCheckpoint();
  }

  /** the last event turned into timers */
  get position(): Position | null {
    return this.handled;
  }

  /**
   * Turns the events after `from` into timers again, up to where the scheduler has got (its
   * subscription takes the rest). After Redis lost the timers, from the read models' watermark:
   * the sweep sees only what they show, this re-arms what they do not show yet. Every event is
   * read first (a query per page), then their timers are armed in bulk, soonest first (the
   * newest events set the soonest deadlines, and must not wait for the older ones' turn), then
   * the paused timers are dropped: the same end state as event by event, since an event only
   * ever pauses timers set before it and arms timers of its own revision. Resolves to the
   * number of events replayed.
   */
  async replayFrom(from: Position | null): Promise<number> {
    const upTo = this.handled ?? (await schedulerCheckpoint.read(this.db));
    if (upTo === null) return 0;
    const events: RecordedEvent[] = [];
    for (let after: From = from ?? START; ;) {
      const page = await this.store.readAll(after, REPLAY_PAGE);
      const upToHere = page.filter((event) => comparePositions(event.position, upTo) <= 0);
      events.push(...upToHere);
      if (upToHere.length < REPLAY_PAGE) break;
      after = upToHere[upToHere.length - 1].position;
    }
    const arm = events.flatMap((recorded) => this.timersSetBy(recorded));
    await armSoonestFirst(this.timers, arm);
    const disarm: DeadlineTimer[] = [];
    for (const event of events) disarm.push(...(await this.pausedBy(event)));
    if (disarm.length > 0) await this.timers.disarm(disarm);
    return events.length;
  }

  private async run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        for await (const event of this.store.subscribeToAll(this.handled ?? START, { signal })) {
          await this.handle(event);
          this.handled = event.position;
        }
      } catch (error) {
        if (signal.aborted) break;
        this.logger.error({ msg: 'deadline scheduler subscription failed; resubscribing', error });
        await sleep(this.options.retryDelayMs, signal);
      }
    }
  }

  private async handle(recorded: RecordedEvent): Promise<void> {
    const disarm = await this.pausedBy(recorded);
    if (disarm.length > 0) await this.timers.disarm(disarm);
    await this.timers.arm(this.timersSetBy(recorded));
  }

  /** the timers an event sets */
  private timersSetBy(recorded: RecordedEvent): DeadlineTimer[] {
    const caseId = caseIdOfStream(recorded.stream);
    return caseId === undefined ? [] : timersSetBy(caseId, caseEventAt(recorded), this.retention);
  }

  /** the paused response timer an event drops (InformationRequested) */
  private async pausedBy(recorded: RecordedEvent): Promise<DeadlineTimer[]> {
    const caseId = caseIdOfStream(recorded.stream);
    if (caseId === undefined || recorded.type !== 'InformationRequested') return [];
    // the paused response timer was set by an earlier event: find it in the case's history
    const history = await this.store.readStream(recorded.stream);
    const before = history.filter((event) => event.revision < recorded.revision).map(caseEventAt);
    return pendingTimers(caseId, before).filter((t) => t.kind === 'respond');
  }

  private async saveCheckpoint(): Promise<void> {
    const handled = this.handled;
    if (handled === null || (this.saved && comparePositions(handled, this.saved) <= 0)) return;
    try {
      await schedulerCheckpoint.advance(this.db, handled);
      if (!this.saved || comparePositions(handled, this.saved) > 0) this.saved = handled;
    } catch (error) {
      // not fatal: the next save covers it, and a replay only re-arms the same timers
      this.logger.warn({ msg: 'could not save the deadline scheduler checkpoint', error });
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timeout = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timeout);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
