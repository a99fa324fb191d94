import { Logger } from '@nestjs/common';
import type { Sql } from '@recourse/database';
import { caseStreamName, retentionEndedBy, type Clock } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { forEachLimited } from '@recourse/infrastructure';
import { timerId, type DeadlineTimer } from './deadline-timer';
import type { DeadlineFiring, FiringResult } from './deadline-firing';
import type { DeadlineTimers } from './deadline-timers';
import {
  casesAwaitingRetention,
  casesWithDeadlinesDueBy,
  type DueCursor,
  type EndedCursor,
} from './overdue-cases';
import { caseEventAt, pendingTimers } from './timer-plan';

/** past any deadline the policy can set */
const FOREVER = new Date('9999-12-31T00:00:00Z');

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
   * Every pending timer armed again, however far off, the overdue ones fired here and now (the
   * round trip through a timer would add its pick-up to their lateness): for when the timers
   * were lost (Redis restarted empty). Pages through every case with a running clock, the most
   * urgent first.
   */
  async rearmAll(): Promise<SweepReport> {
    const report = emptyReport();
    let after: DueCursor | undefined;
    for (;;) {
      const page = await casesWithDeadlinesDueBy(
        this.readModels,
        FOREVER,
        this.options.batchSize,
        after,
      );
      if (page.length === 0) break;
      addTo(report, await this.reconcile(page, FOREVER));
      after = page[page.length - 1];
    }
    if (this.retention === null) return report;
    let afterEnded: EndedCursor | undefined;
    for (;;) {
      const page = await casesAwaitingRetention(
        this.readModels,
        retentionEndedBy(FOREVER, this.retention),
        this.options.batchSize,
        afterEnded,
      );
      if (page.length === 0) return report;
      addTo(report, await this.reconcile(page, FOREVER));
      afterEnded = page[page.length - 1];
    }
  }

  private async sweepOnce(): Promise<SweepReport> {
    const until = new Date(this.clock.now().getTime() + this.options.horizonMs);
    const report = await this.reconcile(
      await casesWithDeadlinesDueBy(this.readModels, until, this.options.batchSize),
      until,
    );
    if (this.retention === null) return report;
    const ended = await casesAwaitingRetention(
      this.readModels,
      retentionEndedBy(until, this.retention),
      this.options.batchSize,
    );
    return addTo(report, await this.reconcile(ended, until));
  }

  /** fires the timers of these cases that are due, arms the others that fall due by `until` */
  private async reconcile(cases: readonly { id: string }[], until: Date): Promise<SweepReport> {
    const now = this.clock.now();
    const report: SweepReport = { ...emptyReport(), cases: cases.length };
    await forEachLimited(cases, this.options.concurrency, async ({ id: caseId }) => {
      try {
        const history = (await this.store.readStream(caseStreamName(caseId))).map(caseEventAt);
        const upcoming: DeadlineTimer[] = [];
        for (const timer of pendingTimers(caseId, history, this.retention)) {
          const due = Date.parse(timer.due);
          if (due > until.getTime()) continue;
          const result = due > now.getTime() ? undefined : await this.fire(timer);
          if (result === 'appended') report.fired += 1;
          if (result === undefined || result === 'not-due') upcoming.push(timer);
        }
        // armed now rather than after every case is read: a deadline due meanwhile still fires
        await this.timers.arm(upcoming);
        report.armed += upcoming.length;
      } catch (error) {
        report.failed += 1;
        this.logger.error({ msg: 'sweep could not reconcile a case', caseId, error });
      }
    });
    return report;
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

function addTo(report: SweepReport, part: SweepReport): SweepReport {
  for (const key of ['cases', 'fired', 'armed', 'failed'] as const) report[key] += part[key];
  return report;
}
