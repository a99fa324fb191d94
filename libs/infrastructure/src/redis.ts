import IORedis, { type Redis, type RedisOptions } from 'ioredis';

/**
 * Longest pause between reconnect attempts. ioredis's own default grows to 2 s; a Redis that
 * comes back (restarted, possibly empty) must be seen within half a second, since a loss is
 * only noticed, and the lost timers re-armed, once the connection is up again.
 */
export const REDIS_RECONNECT_MAX_MS = 500;

/** 50 ms, 100 ms, … capped at REDIS_RECONNECT_MAX_MS; never gives up */
export const redisReconnectDelay = (attempt: number): number =>
  Math.min(attempt * 50, REDIS_RECONNECT_MAX_MS);

/**
 * Every Redis connection of the apps and libs. The default suits BullMQ (maxRetriesPerRequest
 * null, which a Worker's blocking connection requires: commands wait while Redis is away);
 * `options` override it (a health check that must fail fast, a CLI that gives up).
 */
export function openRedis(url: string, options: RedisOptions = {}): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: redisReconnectDelay,
    ...options,
  });
}

/**
 * Ends a connection at shutdown: QUIT when it is up (replies in flight arrive first), else drops
 * it. QUIT on a connection that is reconnecting would wait for Redis to come back, for ever.
 */
export async function closeRedis(connection: Redis): Promise<void> {
  if (connection.status !== 'ready') {
    connection.disconnect();
    return;
  }
  await connection.quit().catch(() => connection.disconnect());
}
