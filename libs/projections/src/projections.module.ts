import {
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import type { RecourseConfig } from '@recourse/config';
import { closeRedis, CONFIG, DATABASE, EVENT_STORE, openRedis } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { START, type EventStore } from '@recourse/event-store';
import { CHECKPOINT_AGE_GAUGE, Metrics } from '@recourse/observability';
import { checkpointAges, currentPosition, ReadModelsModule } from '@recourse/read-models';
import { EmbeddedProjectionRunner } from './embedded-runner';
import { ProjectionFeeder } from './feeder';
import { resolveProjectionOptions, type ProjectionOptions } from './options';
import { ProjectionWorkers } from './projection-workers';

export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

/** the lag in events is counted up to this: a scrape reads at most this many events */
export const LAG_COUNT_LIMIT = 1000;

interface Lag {
  events: number;
  seconds: number;
}

export interface ProjectionModuleOptions extends ProjectionOptions {
  /** BullMQ on this Redis; without it the embedded in-process runner */
  redisUrl?: string;
}

/**
 * Starts the projection pipeline the configuration asks for once the app is up: feeder plus
 * partition workers on BullMQ (REDIS_URL), or the embedded runner. Stops it before the
 * infrastructure closes (the workers finish the job in hand).
 */
@Injectable()
export class ProjectionRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly parts: { stop(): Promise<void> }[] = [];
  private redis?: Redis;
  /** one measurement serves both lag gauges of a scrape */
  private measuring?: Promise<Lag>;

  constructor(
    @Inject(CONFIG) private readonly config: RecourseConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_OPTIONS) private readonly moduleOptions: ProjectionModuleOptions,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {}

  get mode(): 'bullmq' | 'embedded' {
    return this.redisUrl ? 'bullmq' : 'embedded';
  }

  private get redisUrl(): string | undefined {
    return this.moduleOptions.redisUrl ?? this.config.redisUrl;
  }

  async onApplicationBootstrap(): Promise<void> {
    const options = resolveProjectionOptions(withoutRedisUrl(this.moduleOptions));
    if (this.redisUrl) {
      this.redis = openRedis(this.redisUrl);
      const workers = new ProjectionWorkers(this.db, this.store, this.redis, options, this.metrics);
      const feeder = new ProjectionFeeder(this.db, this.store, this.redis, options);
      await workers.start();
      await feeder.start();
      // stopped in this order: no new jobs, then the jobs in hand finish
      this.parts.push(feeder, workers);
      this.metrics.sampledGauge(
        {
          name: 'recourse_projection_queue_depth',
          help: 'Jobs (batches of events) in each partition queue: waiting, running or backing off',
          labelNames: ['partition'],
        },
        async () =>
          (await feeder.queueDepths()).map((value, partition) => ({
            labels: { partition },
            value,
          })),
      );
    } else {
      const runner = new EmbeddedProjectionRunner(this.db, this.store, options);
      await runner.start();
      this.parts.push(runner);
    }
    this.registerLagGauges();
    this.logger.log({
      msg: 'projections started',
      mode: this.mode,
      partitions: options.partitions,
    });
  }

  /** how far the read models are behind the event store, measured when scraped */
  private registerLagGauges(): void {
    this.metrics.sampledGauge(
      {
        name: 'recourse_projection_lag_events',
        help: `Events in the store the read models have not applied yet (counted up to ${LAG_COUNT_LIMIT})`,
      },
      async () => [{ value: (await this.lag()).events }],
    );
    this.metrics.sampledGauge(
      {
        name: 'recourse_projection_lag_seconds',
        help: 'Age of the oldest event the read models have not applied yet; 0 when caught up',
      },
      async () => [{ value: (await this.lag()).seconds }],
    );
    this.metrics.sampledGauge(CHECKPOINT_AGE_GAUGE, async () =>
      (await checkpointAges(this.db)).map(({ checkpoint, seconds }) => ({
        labels: { checkpoint },
        value: seconds,
      })),
    );
  }

  private lag(): Promise<Lag> {
    this.measuring ??= this.measureLag().finally(() => (this.measuring = undefined));
    return this.measuring;
  }

  /** the events after the read models' watermark: how many, and how long the first has waited */
  private async measureLag(): Promise<Lag> {
    const watermark = await currentPosition(this.db);
    const behind = await this.store.readAll(watermark ?? START, LAG_COUNT_LIMIT);
    if (behind.length === 0) return { events: 0, seconds: 0 };
    const waitedMs = Date.now() - Date.parse(behind[0].metadata.occurredAt);
    return { events: behind.length, seconds: Math.max(0, waitedMs / 1000) };
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const part of this.parts.splice(0)) await part.stop();
    if (this.redis) await closeRedis(this.redis);
    this.redis = undefined;
  }
}

function withoutRedisUrl(options: ProjectionModuleOptions): ProjectionOptions {
  const { redisUrl: _redisUrl, ...rest } = options;
  return rest;
}

/**
 * The read-model projections. The mode follows CONFIG (REDIS_URL) unless the options name a Redis;
 * the options tune the pipeline (tests: a unique BullMQ prefix). Needs InfrastructureModule.
 */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionModuleOptions = {}): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [ReadModelsModule],
      providers: [{ provide: PROJECTION_OPTIONS, useValue: options }, ProjectionRuntime],
      exports: [ProjectionRuntime],
    };
  }
}
