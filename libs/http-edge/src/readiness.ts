import {
  HttpStatus,
  Inject,
  Injectable,
  ServiceUnavailableException,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG, DATABASE, EVENT_STORE, openRedis } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import type { EventStore } from '@recourse/event-store';
import { ProjectionRuntime } from '@recourse/projections';
import { problemType } from './problem-details';

export type CheckStatus = 'up' | 'down';

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { status: CheckStatus; error?: string }>;
}

const CHECK_TIMEOUT_MS = 2000;

/**
 * Pings what this process needs to serve: the database and the event store, and Redis only when
 * the process also runs the queue work (all-in-one with REDIS_URL). An API-only process files and
 * answers without Redis, so a Redis outage does not take it out of a load balancer.
 */
@Injectable()
export class Readiness implements OnModuleInit, OnApplicationShutdown {
  private redis?: Redis;

  constructor(
    @Inject(CONFIG) private readonly config: RecourseConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** once every provider exists: does this process run the queue work? */
  onModuleInit(): void {
    const { redisUrl } = this.config;
    if (redisUrl && runsQueueWork(this.moduleRef)) {
      // fail fast while Redis is away instead of queueing the ping
      this.redis = openRedis(redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: 0, // the check has its own timeout; ioredis would leave its timer behind on a refused connection
        // no background reconnect loop: the next check connects again
        retryStrategy: () => null,
      });
      this.redis.on('error', () => undefined); // reported by the check, not as an unhandled event
    }
  }

  async check(): Promise<ReadinessReport> {
    const probes: Record<string, () => Promise<unknown>> = {
      database: () => this.database.query('select 1'),
      eventStore: () => this.eventStore.ping(),
    };
    if (this.redis) probes.redis = () => this.pingRedis(this.redis!);
    const entries = await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => [name, await run(probe)] as const),
    );
    const checks = Object.fromEntries(entries);
    return { ready: entries.every(([, result]) => result.status === 'up'), checks };
  }

  async onApplicationShutdown(): Promise<void> {
    // QUIT closes cleanly; disconnect() would leave a 2 s socket-destroy timer behind
    if (this.redis?.status === 'ready') await this.redis.quit();
    else if (this.redis && this.redis.status !== 'end') this.redis.disconnect();
  }

  private async pingRedis(redis: Redis): Promise<void> {
    if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
    await redis.ping();
  }
}

/** connection errors name hosts and ports: not for anyone who asks */
export function withoutDetails(report: ReadinessReport): ReadinessReport {
  return {
    ready: report.ready,
    checks: Object.fromEntries(
      Object.entries(report.checks).map(([name, { status }]) => [name, { status }]),
    ),
  };
}

/** the 503 (problem+json) of a report that is not ready, naming the stores that are down */
export function notReady(report: ReadinessReport): ServiceUnavailableException {
  return new ServiceUnavailableException({
    type: problemType('not-ready'),
    title: 'Not ready',
    status: HttpStatus.SERVICE_UNAVAILABLE,
    detail: `Unavailable: ${Object.keys(report.checks)
      .filter((name) => report.checks[name].status === 'down')
      .join(', ')}`,
    checks: report.checks,
  });
}

function runsQueueWork(moduleRef: ModuleRef): boolean {
  try {
    return moduleRef.get(ProjectionRuntime, { strict: false }).mode === 'bullmq';
  } catch {
    return false; // the worker modules run in another process
  }
}

async function run(
  probe: () => Promise<unknown>,
): Promise<{ status: CheckStatus; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([probe(), timeout]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
