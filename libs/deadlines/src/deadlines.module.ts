import {
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { CaseCommandService, CommandsModule, SubjectErasure } from '@recourse/commands';
import type { RecourseConfig } from '@recourse/config';
import { CLOCK, CONFIG, DATABASE, EVENT_STORE, POLICY } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import type { Clock, Policy } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { CHECKPOINT_AGE_GAUGE, Metrics, PENDING_TIMERS_GAUGE } from '@recourse/observability';
import { ReadModelsModule, currentPosition } from '@recourse/read-models';
import { BullmqDeadlineTimers, DEFAULT_BULLMQ_TIMER_OPTIONS } from './bullmq-deadline-timers';
import { DeadlineFiring } from './deadline-firing';
import { DEFAULT_SCHEDULER_OPTIONS, DeadlineScheduler } from './deadline-scheduler';
import type { DeadlineTimers } from './deadline-timers';
import { InProcessDeadlineTimers } from './in-process-deadline-timers';
import {
  DEFAULT_SWEEP_OPTIONS,
  ReconciliationSweep,
  type ReconciliationSweepOptions,
} from './reconciliation-sweep';
import { RetentionFiring } from './retention-firing';
import { migrateDeadlines, schedulerCheckpoint } from './scheduler-checkpoint';

/** The timers in use: BullMQ with REDIS_URL, in-process without. */
export const DEADLINE_TIMERS = Symbol('DEADLINE_TIMERS');
/** the DeadlinesModuleOptions given to forRoot */
export const DEADLINES_OPTIONS = Symbol('DEADLINES_OPTIONS');

export interface DeadlinesModuleOptions {
  /** BullMQ on this Redis; default CONFIG's REDIS_URL, without one in-process timers */
  redisUrl?: string;
  /** BullMQ key prefix (default 'recourse'); tests pass a unique one */
  prefix?: string;
  /** timers fired at once per process, BullMQ or in-process (default 16) */
  concurrency?: number;
  sweep?: Partial<ReconciliationSweepOptions>;
}

/** Starts timers, then the scheduler feeding them, then the sweep; stops them the other way. */
@Injectable()
class DeadlinesLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Deadlines');

  constructor(
    @Inject(DATABASE) private readonly database: Database,
    @Inject(DEADLINE_TIMERS) private readonly timers: DeadlineTimers,
    private readonly scheduler: DeadlineScheduler,
    private readonly sweep: ReconciliationSweep,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateDeadlines(this.database);
    // a Redis that lost the timers gets them all back before the next sweep: every case the read
    // models show (the most urgent first), and the events after their watermark, which they may
    // not show yet (the sweep cannot see those); side by side, so that neither holds up the
    // other's urgent deadlines. The watermark is read first: what the sweep reads is at least it.
    this.timers.whenLost?.(async () => {
      const watermark = await currentPosition(this.database);
      const started = Date.now();
      const took = <T>(work: Promise<T>) =>
        work.then((value) => [value, Date.now() - started] as const);
      const [[replayed, replayMs], [report, sweepMs]] = await Promise.all([
        took(this.scheduler.replayFrom(watermark)),
        took(this.sweep.rearmAll()),
      ]);
      return { replayed, replayMs, ...report, sweepMs };
    });
    await this.timers.start();
    await this.scheduler.start();
    this.sweep.start();
    this.metrics.sampledGauge(PENDING_TIMERS_GAUGE, async () => [
      { labels: { timers: 'deadlines' }, value: await this.timers.pending() },
    ]);
    this.metrics.sampledGauge(CHECKPOINT_AGE_GAUGE, async () => {
      const seconds = await schedulerCheckpoint.ageSeconds(this.database);
      return seconds === null
        ? []
        : [{ labels: { checkpoint: 'deadline-scheduler' }, value: seconds }];
    });
    this.logger.log({ msg: 'deadline timers started', timers: this.timers.constructor.name });
  }

  // before shutdown: the event store and the database close in onApplicationShutdown
  async beforeApplicationShutdown(): Promise<void> {
    await this.sweep.stop();
    await this.scheduler.stop();
    await this.timers.stop();
  }
}

const providers: Provider[] = [
  {
    provide: RetentionFiring,
    inject: [DATABASE, EVENT_STORE, SubjectErasure, POLICY, CLOCK],
    useFactory: (
      database: Database,
      store: EventStore,
      erasure: SubjectErasure,
      policy: Policy,
      clock: Clock,
    ) => new RetentionFiring(database, store, erasure, policy, clock),
  },
  {
    provide: DeadlineFiring,
    inject: [CaseCommandService, { token: Metrics, optional: true }, RetentionFiring],
    useFactory: (
      commands: CaseCommandService,
      metrics: Metrics | undefined,
      retention: RetentionFiring,
    ) => new DeadlineFiring(commands, metrics, retention),
  },
  {
    provide: DEADLINE_TIMERS,
    inject: [DeadlineFiring, CLOCK, CONFIG, DEADLINES_OPTIONS],
    useFactory: (
      firing: DeadlineFiring,
      clock: Clock,
      config: RecourseConfig,
      options: DeadlinesModuleOptions,
    ): DeadlineTimers => {
      const redisUrl = options.redisUrl ?? config.redisUrl;
      const concurrency = options.concurrency ?? DEFAULT_BULLMQ_TIMER_OPTIONS.concurrency;
      return redisUrl
        ? new BullmqDeadlineTimers(
            {
              redisUrl,
              prefix: options.prefix ?? DEFAULT_BULLMQ_TIMER_OPTIONS.prefix,
              queueName: DEFAULT_BULLMQ_TIMER_OPTIONS.queueName,
              concurrency,
            },
            firing,
            clock,
          )
        : new InProcessDeadlineTimers(firing, clock, concurrency);
    },
  },
  {
    provide: DeadlineScheduler,
    inject: [EVENT_STORE, DATABASE, DEADLINE_TIMERS, POLICY],
    useFactory: (store: EventStore, database: Database, timers: DeadlineTimers, policy: Policy) =>
      new DeadlineScheduler(
        store,
        database,
        timers,
        policy.retention.personalData,
        DEFAULT_SCHEDULER_OPTIONS,
      ),
  },
  {
    provide: ReconciliationSweep,
    inject: [
      DATABASE,
      EVENT_STORE,
      DeadlineFiring,
      DEADLINE_TIMERS,
      CLOCK,
      POLICY,
      DEADLINES_OPTIONS,
    ],
    useFactory: (
      database: Database,
      store: EventStore,
      firing: DeadlineFiring,
      timers: DeadlineTimers,
      clock: Clock,
      policy: Policy,
      options: DeadlinesModuleOptions,
    ) =>
      new ReconciliationSweep(
        database,
        store,
        firing,
        timers,
        clock,
        policy.retention.personalData,
        { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep },
      ),
  },
  DeadlinesLifecycle,
];

/**
 * Deadline timers: the scheduler turns deadline events (and the end of a case, for retention)
 * into timers, the timers fire RecordMissedDeadline / CloseCase through the command service as
 * the system actor, or erase a subject by retention, and the sweep catches whatever a timer
 * missed. BullMQ (Redis) with a Redis URL, else in-process. The
 * mode follows CONFIG (REDIS_URL) unless the options name a Redis; the options tune it (tests: a
 * unique BullMQ prefix). Needs InfrastructureModule.
 */
@Module({})
export class DeadlinesModule {
  static forRoot(options: DeadlinesModuleOptions = {}): DynamicModule {
    return {
      module: DeadlinesModule,
      // the sweep reads the cases table
      imports: [CommandsModule, ReadModelsModule],
      providers: [{ provide: DEADLINES_OPTIONS, useValue: options }, ...providers],
      exports: [DeadlineFiring, DEADLINE_TIMERS, DeadlineScheduler, ReconciliationSweep],
    };
  }
}
