import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG } from '@recourse/infrastructure';
import { CallerThrottlerGuard } from './caller-throttler.guard';

const MINUTE_MS = 60_000;

/**
 * RATE_LIMIT_PER_MINUTE requests a minute per caller (0: unlimited). Past it: 429
 * application/problem+json with Retry-After (seconds). Counted in this process's memory: with N
 * api processes behind a balancer a caller gets up to N times the budget.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [CONFIG],
      useFactory: (config: RecourseConfig) => ({
        throttlers: [{ ttl: MINUTE_MS, limit: config.rateLimitPerMinute }],
        skipIf: () => config.rateLimitPerMinute === 0,
        errorMessage: (_context, limit) =>
          `More than ${limit.limit} requests in a minute; retry in ${limit.timeToBlockExpire} s.`,
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: CallerThrottlerGuard }],
})
export class RateLimitModule {}
