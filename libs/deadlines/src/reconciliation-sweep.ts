import { Logger } from '@nestjs/common';
import type { Sql } from '@recourse/database';
import { caseStreamName, retentionEndedBy, type Clock } from '@recourse/domain';
import type { EventStore, RecordedEvent } from '@recourse/event-store';
import { forEachLimited } from '@recourse/infrastructure';
import { timerId, type DeadlineTimer } from './deadline-timer';
import type { DeadlineFiring, FiringResult } from './deadline-firing';
import { armSoonestFirst, type DeadlineTimers } from './deadline-timers';
import {
  casesAwaitingRetention,
  casesWithDeadlinesDueBy,
  type DueCursor,
  type EndedCursor,
} from './overdue-cases';
import { caseEventAt, pendingTimers } from './timer-plan';

/** past any deadline the policy can set */
const FOREVER = new Date('9999-12-31T00:00:00Z');
/** after every case id: a cursor there starts a page after every case of its due time */
const LAST_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

/**
 * Cases whose streams are read before their timers are armed (in one bulk): small, so that
 * after a loss the first, most urgent, are armed within a fraction of a second.
 */
const ARM_CHUNK = 50;

export interface ReconciliationSweepOptions {
  intervalMs: number;
  /** deadlines due within this much time are (re-)armed, so they fire on time after a restart */
  horizonMs: number;
  /** cases looked at per sweep (the most urgent first); the next sweep takes the rest */
  batchSize: number;
  /** cases handled at once */
  concurrency: number;
}

export const DEFAULT_SWEEP_OPTIONS: ReconciliationSweepOptions = {
  intervalMs: 60_000,
  horizonMs: 120_000,
  batchSize: 1000,
  concurrency: 8,
};

export interface SweepReport {
  cases: number;
  /** timers that appended events (DeadlineMissed, CaseEscalated, CaseClosed, PersonalDataErased) */
  fired: number;
  /** timers armed to fire within the horizon (each case's as soon as its stream is read) */
  armed: number;
  failed: number;
}

/**
 * The safety net under the timers: at start and every minute, the read model names the cases
 * with a deadline due (or about to be) that nothing has recorded, and the ended cases whose
 * retention is due (or about to be) and not yet erased; their streams say which timer it is. Due
 * ones fire through the same handler, upcoming ones are re-armed. So a Redis that lost its data,
 * a worker that was down or a job that gave up never lets a deadline pass or keeps personal data
 * past its retention.
 */
export class ReconciliationSweep {
  private readonly logger = new Logger(ReconciliationSweep.name);
  private interval?: NodeJS.Timeout;
  private current?: Promise<SweepReport>;

  constructor(
    private readonly readModels: Sql,
    private readonly store: EventStore,
    private readonly firing: DeadlineFiring,
    private readonly timers: DeadlineTimers,
    private readonly clock: Clock,
    /** the policy's retention.personalData; null: no retention */
    private readonly retention: string | null,
    private readonly options: ReconciliationSweepOptions = DEFAULT_SWEEP_OPTIONS,
  ) {}

  start(): void {
    void this.sweepLogged();
    this.interval = setInterval(() => void this.sweepLogged(), this.options.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.interval);
    await this.current?.catch(() => undefined);
  }

  /** one sweep; a sweep already running is joined rather than doubled */
  sweep(): Promise<SweepReport> {
    this.current ??= this.sweepOnce().finally(() => (this.current = undefined));
    return this.current;
  }

  private async sweepLogged(): Promise<void> {
    try {
      const report = await this.sweep();
      if (report.fired + report.failed > 0) this.logger.log({ msg: 'deadline sweep', ...report });
    } catch (error) {
      this.logger.error({ msg: 'deadline sweep failed', error });
    }
  }

  /**
   * Every pending timer armed again, however far off, for when the timers were lost (Redis
   * restarted empty). Two lanes side by side, so that neither holds up the other: the cases with
   * a deadline past due, whose timers fire here and now (the round trip through a timer would
   * add its pick-up to their lateness), and the cases whose deadlines are still to come, the
   * soonest first, armed in bulk a chunk of cases at a time; the deadlines due in the next
   * seconds are then armed within the first chunk, however many are overdue or further off.
   * Then the retention timers of ended cases.
   */
  async rearmAll(): Promise<SweepReport> {
    const report = emptyReport();
    const firing: Promise<void>[] = [];
    const now = this.clock.now();
    const { batchSize } = this.options;
    await Promise.all([
      this.rearmPages<DueCursor>(
        (after) => casesWithDeadlinesDueBy(this.readModels, now, batchSize, after),
        report,
        firing,
      ),
      this.rearmPages<DueCursor>(
        (after = { nextDue: now.toISOString(), id: LAST_UUID }) =>
          casesWithDeadlinesDueBy(this.readModels, FOREVER, batchSize, after),
        report,
        firing,
      ),
    ]);
    const retention = this.retention;
    if (retention !== null) {
      await this.rearmPages<EndedCursor>(
        (after) =>
          casesAwaitingRetention(
            this.readModels,
            retentionEndedBy(FOREVER, retention),
            batchSize,
            after,
          ),
        report,
        firing,
      );
    }
    await Promise.all(firing);
    return report;
  }

  /** reconciles every page `next` gives, each after the last one's last case */
  private async rearmPages<Cursor extends { id: string }>(
    next: (after?: Cursor) => Promise<Cursor[]>,
    report: SweepReport,
    firing: Promise<void>[],
  ): Promise<void> {
    for (let after: Cursor | undefined; ;) {
      const page = await next(after);
      if (page.length === 0) return;
      await this.reconcile(page, FOREVER, report, firing);
      after = page[page.length - 1];
    }
  }

  private async sweepOnce(): Promise<SweepReport> {
    const until = new Date(this.clock.now().getTime() + this.options.horizonMs);
    const report = emptyReport();
    const firing: Promise<void>[] = [];
    const due = await casesWithDeadlinesDueBy(this.readModels, until, this.options.batchSize);
    await this.reconcile(due, until, report, firing);
    if (this.retention !== null) {
      const ended = await casesAwaitingRetention(
        this.readModels,
        retentionEndedBy(until, this.retention),
        this.options.batchSize,
      );
      await this.reconcile(ended, until, report, firing);
    }
    await Promise.all(firing);
    return report;
  }

  /**
   * Fires the timers of these cases that are due and arms the others that fall due by `until`,
   * a chunk of cases at a time in the order given (the most urgent first): each chunk's due
   * timers start firing (added to `firing`, for the caller to await) and its others are armed in
   * one bulk before the next chunk's streams are read.
   */
  private async reconcile(
    cases: readonly { id: string }[],
    until: Date,
    report: SweepReport,
    firing: Promise<void>[],
  ): Promise<void> {
    report.cases += cases.length;
    for (let start = 0; start < cases.length; start += ARM_CHUNK) {
      const timers = await this.timersOf(cases.slice(start, start + ARM_CHUNK), until, report);
      const now = this.clock.now().getTime();
      const due = timers.filter((timer) => Date.parse(timer.due) <= now);
      firing.push(this.fireAll(due, report));
      await this.armAll(
        timers.filter((timer) => Date.parse(timer.due) > now),
        report,
      );
    }
  }

  /** the pending timers of these cases due by `until`, from their streams (read in one go) */
  private async timersOf(
    cases: readonly { id: string }[],
    until: Date,
    report: SweepReport,
  ): Promise<DeadlineTimer[]> {
    let streams: RecordedEvent[][];
    try {
      streams = await this.store.readStreams(cases.map(({ id }) => caseStreamName(id)));
    } catch (error) {
      report.failed += cases.length;
      this.logger.error({ msg: 'sweep could not read cases', cases: cases.length, error });
      return [];
    }
    const timers: DeadlineTimer[] = [];
    cases.forEach(({ id: caseId }, k) => {
      try {
        if (streams[k].length === 0) throw new Error('the read models show a case with no events');
        const history = streams[k].map(caseEventAt);
        for (const timer of pendingTimers(caseId, history, this.retention)) {
          if (Date.parse(timer.due) <= until.getTime()) timers.push(timer);
        }
      } catch (error) {
        report.failed += 1;
        this.logger.error({ msg: 'sweep could not read a case', caseId, error });
      }
    });
    return timers;
  }

  /** fires due timers; one the domain finds not due yet, or that fails, is armed to try again */
  private async fireAll(due: readonly DeadlineTimer[], report: SweepReport): Promise<void> {
    const again: DeadlineTimer[] = [];
    await forEachLimited(due, this.options.concurrency, async (timer) => {
      try {
        const outcome = await this.fire(timer);
        if (outcome === 'appended') report.fired += 1;
        if (outcome === 'not-due') again.push(timer);
      } catch (error) {
        report.failed += 1;
        again.push(timer);
        this.logger.error({ msg: 'sweep could not fire a timer', timer: timerId(timer), error });
      }
    });
    await this.armAll(again, report);
  }

  private async armAll(timers: readonly DeadlineTimer[], report: SweepReport): Promise<void> {
    if (timers.length === 0) return;
    try {
      await armSoonestFirst(this.timers, timers);
      report.armed += timers.length;
    } catch (error) {
      // the next sweep arms them; a due one it fires
      report.failed += timers.length;
      this.logger.error({ msg: 'sweep could not arm timers', timers: timers.length, error });
    }
  }

  private async fire(timer: DeadlineTimer): Promise<FiringResult['outcome']> {
    const result = await this.firing.fire(timer);
    if (result.outcome === 'appended') {
      this.logger.warn({
        msg: 'the sweep fired a deadline its timer missed',
        timer: timerId(timer),
      });
    }
    return result.outcome;
  }
}

const emptyReport = (): SweepReport => ({ cases: 0, fired: 0, armed: 0, failed: 0 });
