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
import { CONFIG, DATABASE, EVENT_STORE, openRedis } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import type { EventStore } from '@recourse/event-store';
import { Metrics } from '@recourse/observability';
import { ReadModelsModule } from '@recourse/read-models';
import { EmbeddedProjectionRunner } from './embedded-runner';
import { ProjectionFeeder } from './feeder';
import { resolveProjectionOptions, type ProjectionOptions } from './options';
import { ProjectionWorkers } from './projection-workers';

export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

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
    } else {
      const runner = new EmbeddedProjectionRunner(this.db, this.store, options);
      await runner.start();
      this.parts.push(runner);
    }
    this.logger.log({
      msg: 'projections started',
      mode: this.mode,
      partitions: options.partitions,
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const part of this.parts.splice(0)) await part.stop();
    await this.redis?.quit();
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
