import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { RecourseConfig } from '@recourse/config';
import { DeadlinesModule } from '@recourse/deadlines';
import { InfrastructureModule, type InfrastructureOverrides } from '@recourse/infrastructure';
import { NotifierModule } from '@recourse/notifications';
import { ObservabilityModule, type ObservabilityOptions } from '@recourse/observability';
import { ProjectionsModule } from '@recourse/projections';
import { TransparencyLogModule } from '@recourse/transparency-log';
import { ProblemDetailsFilter, Readiness } from '@recourse/http-edge';
import { WorkerHealthController } from './worker-health.controller';

/**
 * The background work: feeder and projections, deadline timers, notifications, the transparency
 * log, each in the mode CONFIG asks for (BullMQ with REDIS_URL, else in-process). The worker
 * process runs it alone; the all-in-one `npm start` imports it into the API. Needs
 * InfrastructureModule.
 */
@Module({
  imports: [
    ProjectionsModule.forRoot(),
    DeadlinesModule.forRoot(),
    NotifierModule.forRoot(),
    TransparencyLogModule,
  ],
})
export class WorkerModule {}

export type WorkerOverrides = InfrastructureOverrides & ObservabilityOptions;

/**
 * The worker process: infrastructure, logs and metrics, the background work, and on WORKER_PORT
 * GET /metrics and GET /health only (errors as problem+json, like the API's).
 */
@Module({})
export class WorkerProcessModule {
  static forRoot(config: RecourseConfig, overrides: WorkerOverrides = {}): DynamicModule {
    return {
      module: WorkerProcessModule,
      imports: [
        InfrastructureModule.forRoot(config, overrides),
        ObservabilityModule.forRoot({ logDestination: overrides.logDestination }),
        WorkerModule,
      ],
      controllers: [WorkerHealthController],
      providers: [Readiness, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
