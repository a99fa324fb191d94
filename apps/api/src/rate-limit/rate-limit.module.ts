import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG } from '@recourse/infrastructure';
import { AddressThrottlerGuard, CallerThrottlerGuard, type Budget } from './budget-guards';
import { SharedThrottlerStorage } from './shared-throttler-storage';

const MINUTE_MS = 60_000;
const STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** Where the counts live: Redis when REDIS_URL is set (shared by every api process), else memory. */
@Module({})
class RateLimitStorageModule {
  static forRoot(keyPrefix: string): DynamicModule {
    return {
      module: RateLimitStorageModule,
      providers: [
        {
          provide: STORAGE,
          inject: [CONFIG],
          useFactory: (config: RecourseConfig): ThrottlerStorage =>
            config.redisUrl
              ? new SharedThrottlerStorage(config.redisUrl, keyPrefix)
              : new ThrottlerStorageService(),
        },
      ],
      exports: [STORAGE],
    };
  }
}

function budget(name: Budget, limit: number) {
  return { name, ttl: MINUTE_MS, limit, skipIf: () => limit === 0 };
}

/**
 * Two budgets a minute, past which the answer is 429 application/problem+json with Retry-After
 * (seconds): RATE_LIMIT_PER_ADDRESS_PER_MINUTE per client address, checked before authentication
 * (this module's guard; import it before AuthModule), and RATE_LIMIT_PER_MINUTE per caller,
 * checked after it (CallerRateLimitModule, imported after AuthModule). 0 turns a budget off.
 */
@Module({})
export class RateLimitModule {
  /** keyPrefix: the Redis key namespace (tests use their own) */
  static forRoot(keyPrefix = 'recourse:ratelimit:'): DynamicModule {
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          imports: [RateLimitStorageModule.forRoot(keyPrefix)],
          inject: [CONFIG, STORAGE],
          useFactory: (config: RecourseConfig, storage: ThrottlerStorage) => ({
            throttlers: [
              budget('address', config.rateLimitPerAddressPerMinute),
              budget('caller', config.rateLimitPerMinute),
            ],
            storage,
            errorMessage: (_context, limit) =>
              `More than ${limit.limit} requests in a minute ${limit.key.startsWith('address:') ? 'from this address' : 'by this caller'}; retry in ${limit.timeToBlockExpire} s.`,
          }),
        }),
      ],
      providers: [{ provide: APP_GUARD, useClass: AddressThrottlerGuard }],
    };
  }
}

/** The per-caller budget; import after AuthModule, whose guard sets the caller. */
@Module({ providers: [{ provide: APP_GUARD, useClass: CallerThrottlerGuard }] })
export class CallerRateLimitModule {}
