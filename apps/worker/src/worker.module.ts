import { Module, type DynamicModule } from '@nestjs/common';
import type { RecourseConfig } from '@recourse/config';
import { DeadlinesModule } from '@recourse/deadlines';
import { InfrastructureModule } from '@recourse/infrastructure';
import { NotifierModule } from '@recourse/notifications';
import { ObservabilityModule } from '@recourse/observability';
import { ProjectionsModule } from '@recourse/projections';
import { TransparencyLogModule } from '@recourse/transparency-log';

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

/** The worker process: infrastructure, logs and metrics, and the background work. No HTTP. */
@Module({})
export class WorkerProcessModule {
  static forRoot(config: RecourseConfig): DynamicModule {
    return {
      module: WorkerProcessModule,
      imports: [InfrastructureModule.forRoot(config), ObservabilityModule.forRoot(), WorkerModule],
    };
  }
}
