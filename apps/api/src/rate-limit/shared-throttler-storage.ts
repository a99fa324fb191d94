import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { Redis } from 'ioredis';
import { openRedis } from '@recourse/infrastructure';

type StorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Request counts in Redis, so that N api processes share one budget. While Redis is away the
 * counts fall back to this process's memory: a rate limiter must not turn a Redis outage into an
 * outage of the API (appeals must still be filed), and commands fail at once instead of queueing.
 */
@Injectable()
export class SharedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly shared: ThrottlerStorageRedisService;
  private readonly local = new ThrottlerStorageService();

  constructor(redisUrl: string, keyPrefix: string) {
    this.redis = openRedis(redisUrl, {
      keyPrefix,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    this.redis.on('error', () => undefined); // the fallback covers it; health reports Redis
    this.shared = new ThrottlerStorageRedisService(this.redis);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<StorageRecord> {
    if (this.redis.status === 'ready') {
      try {
        return await this.shared.increment(key, ttl, limit, blockDuration, throttlerName);
      } catch {
        // lost between the status check and the answer: count here this once
      }
    }
    return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}
