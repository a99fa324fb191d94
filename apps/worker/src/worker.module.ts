import { Module, type DynamicModule } from '@nestjs/common';
import type { RecourseConfig } from '@recourse/config';
import { InfrastructureModule } from '@recourse/infrastructure';
import { DeadlinesModule } from '@recourse/deadlines';
import { NotifierModule } from '@recourse/notifications';
import { ObservabilityModule } from '@recourse/observability';
import { ProjectionsModule } from '@recourse/projections';
import { TransparencyLogModule } from '@recourse/transparency-log';

/**
 * The worker process: infrastructure, logs and metrics, and the background modules. No HTTP.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: RecourseConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        InfrastructureModule.forRoot(config),
        ObservabilityModule.forRoot(),
        ProjectionsModule.forRoot(config),
        DeadlinesModule.forRoot(config),
        NotifierModule.forRoot(config),
        TransparencyLogModule,
      ],
    };
  }
}
