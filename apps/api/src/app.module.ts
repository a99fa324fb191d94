import {
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { RequestHandler } from '@nestjs/common/interfaces';
import { AuthModule } from '@recourse/auth';
import type { RecourseConfig } from '@recourse/config';
import { InfrastructureModule, type InfrastructureOverrides } from '@recourse/infrastructure';
import { ObservabilityModule, type ObservabilityOptions } from '@recourse/observability';
import { QueueBoardModule } from './admin/queue-board.module';
import { CasesModule } from './cases/cases.module';
import { HealthModule } from './health/health.module';
import { NotificationsApiModule } from './notifications/notifications-api.module';
import { LogModule } from './log/log.module';
import { OversightModule } from './oversight/oversight.module';
import { ProblemDetailsFilter } from '@recourse/http-edge';
import { QueriesModule } from './queries/queries.module';
import { CallerRateLimitModule, RateLimitModule } from './rate-limit/rate-limit.module';
import { PublicModule } from './public/public.module';
import { SubjectsModule } from './subjects/subjects.module';
import { createValidationPipe } from './validation';
import { WorkerModule } from '../../worker/src/worker.module';
import { refuseNonJsonBody } from './json-body';

// express ships no types here; only its JSON parser is used
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { json } = require('express') as { json(options: { limit: string }): RequestHandler };

export const JSON_BODY_LIMIT = '64kb';

export interface AppOverrides extends InfrastructureOverrides, ObservabilityOptions {
  /** also run the worker modules in this process (all-in-one); default false */
  worker?: boolean;
  /** the Redis key namespace of the rate-limit counts (tests: their own) */
  rateLimitKeyPrefix?: string;
  /** the BullMQ key prefix of the queues /admin/queues shows (tests: their own) */
  queueBoardPrefix?: string;
  /** further modules to compose into the application */
  modules?: Type[];
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: RecourseConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(config, overrides),
        ObservabilityModule.forRoot({ logDestination: overrides.logDestination }),
        RateLimitModule.forRoot(overrides.rateLimitKeyPrefix),
        AuthModule,
        CallerRateLimitModule,
        HealthModule,
        CasesModule,
        QueriesModule,
        OversightModule,
        NotificationsApiModule,
        LogModule,
        SubjectsModule,
        PublicModule,
        ...(config.redisUrl ? [QueueBoardModule.forRoot(overrides.queueBoardPrefix)] : []),
        // all-in-one (`npm start`): the worker's background work in this process
        ...(overrides.worker ? [WorkerModule] : []),
        ...(overrides.modules ?? []),
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }

  /**
   * JSON bodies are parsed here rather than by Nest's built-in parser so that parsing runs after
   * the logger (global module middleware comes first): a 413 or a malformed body still gets a
   * correlation id and a log line. A body of another type is refused first (415).
   */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(refuseNonJsonBody, json({ limit: JSON_BODY_LIMIT }))
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
