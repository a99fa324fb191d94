import { createServer } from 'node:net';
import { openRedis } from './redis';

/** How long start-up waits for Redis before it gives up (it may be starting alongside). */
export const REDIS_STARTUP_WAIT_MS = 10_000;

/** A service the configuration names cannot be used: the message says which variable to check. */
export class StartupCheckFailed extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'StartupCheckFailed';
  }
}

/** Resolves once Redis at `url` answers PING; fails after `waitMs` naming REDIS_URL. */
export async function waitForRedis(url: string, waitMs = REDIS_STARTUP_WAIT_MS): Promise<void> {
  const redis = openRedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined); // the attempts below report it
  const giveUpAt = Date.now() + waitMs;
  let lastError: unknown;
  try {
    while (Date.now() < giveUpAt) {
      try {
        if (redis.status === 'wait' || redis.status === 'end') await redis.connect();
        await redis.ping();
        return;
      } catch (error) {
        lastError = error;
        redis.disconnect();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    redis.disconnect();
  }
  throw new StartupCheckFailed(
    'REDIS_URL',
    `Redis at ${withoutPassword(url)} did not answer within ${waitMs / 1000} s ` +
      `(${(lastError as Error)?.message ?? 'no answer'}): start it, or fix REDIS_URL`,
  );
}

/**
 * Fails naming the variable (PORT, WORKER_PORT) when something already listens on its port,
 * before anything says "started".
 */
export async function assertPortFree(port: number, variable = 'PORT'): Promise<void> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? portInUse(port, variable) : error),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

export const portInUse = (port: number | string, variable = 'PORT'): StartupCheckFailed =>
  new StartupCheckFailed(
    variable,
    `port ${port} is in use by another process: stop it, or choose another ${variable}`,
  );

/** redis://user:secret@host → redis://user:***@host, for messages */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
