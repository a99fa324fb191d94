import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CaseCommandService, CommandsModule } from '@recourse/commands';
import { CLOCK, DATABASE, EVENT_STORE, type RecourseConfig } from '@recourse/config';
import type { Database } from '@recourse/database';
import type { Clock } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { migrateReadModels } from '@recourse/read-models';
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
import { migrateDeadlines } from './scheduler-checkpoint';

/** The timers in use: BullMQ with REDIS_URL, in-process without. */
export const DEADLINE_TIMERS = Symbol('DEADLINE_TIMERS');

export interface DeadlinesModuleOptions {
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
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // the sweep reads the cases table: make sure it exists, whoever else migrates it
    await migrateReadModels(this.database);
    await migrateDeadlines(this.database);
    await this.timers.start();
    await this.scheduler.start();
    this.sweep.start();
    this.logger.log({ msg: 'deadline timers started', timers: this.timers.constructor.name });
  }

  // before shutdown: the event store and the database close in onApplicationShutdown
  async beforeApplicationShutdown(): Promise<void> {
    await this.sweep.stop();
    await this.scheduler.stop();
    await this.timers.stop();
  }
}

/**
 * Deadline timers: the scheduler turns deadline events into timers, the timers fire
 * RecordMissedDeadline / CloseCase through the command service as the system actor, and the
 * sweep catches whatever a timer missed. BullMQ (Redis) with config.redisUrl, else in-process.
 * Needs the global infrastructure tokens (InfrastructureModule).
 */
@Module({})
export class DeadlinesModule {
  static forRoot(config: RecourseConfig, options: DeadlinesModuleOptions = {}): DynamicModule {
    const sweepOptions = { ...DEFAULT_SWEEP_OPTIONS, ...options.sweep };
    return {
      module: DeadlinesModule,
      imports: [CommandsModule],
      providers: [
        {
          provide: DeadlineFiring,
          inject: [CaseCommandService],
          useFactory: (commands: CaseCommandService) => new DeadlineFiring(commands),
        },
        {
          provide: DEADLINE_TIMERS,
          inject: [DeadlineFiring, CLOCK],
          useFactory: (firing: DeadlineFiring, clock: Clock): DeadlineTimers =>
            config.redisUrl
              ? new BullmqDeadlineTimers(
                  {
                    redisUrl: config.redisUrl,
                    prefix: options.prefix ?? DEFAULT_BULLMQ_TIMER_OPTIONS.prefix,
                    queueName: DEFAULT_BULLMQ_TIMER_OPTIONS.queueName,
                    concurrency: options.concurrency ?? DEFAULT_BULLMQ_TIMER_OPTIONS.concurrency,
                  },
                  firing,
                  clock,
                )
              : new InProcessDeadlineTimers(
                  firing,
                  clock,
                  options.concurrency ?? DEFAULT_BULLMQ_TIMER_OPTIONS.concurrency,
                ),
        },
        {
          provide: DeadlineScheduler,
          inject: [EVENT_STORE, DATABASE, DEADLINE_TIMERS],
          useFactory: (store: EventStore, database: Database, timers: DeadlineTimers) =>
            new DeadlineScheduler(store, database, timers, DEFAULT_SCHEDULER_OPTIONS),
        },
        {
          provide: ReconciliationSweep,
          inject: [DATABASE, EVENT_STORE, DeadlineFiring, DEADLINE_TIMERS, CLOCK],
          useFactory: (
            database: Database,
            store: EventStore,
            firing: DeadlineFiring,
            timers: DeadlineTimers,
            clock: Clock,
          ) => new ReconciliationSweep(database, store, firing, timers, clock, sweepOptions),
        },
        DeadlinesLifecycle,
      ],
      exports: [DeadlineFiring, DEADLINE_TIMERS, DeadlineScheduler, ReconciliationSweep],
    };
  }
}
