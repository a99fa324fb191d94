/**
 * `npm run dead-letters -- list | retry [id] | drop [id]`: the projection dead letters, grouped
 * into the jobs they came from. `retry` hands them back to their partition queues as they were;
 * `drop` forgets them (their events stay out of the read models until a rebuild). `id` is a job
 * id or an event id; without it, every dead job. Prints a JSON report line.
 */
import { join } from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '@recourse/config';
import { openDatabase } from '@recourse/database';
import { exitOnStartupFailure, openRedis } from '@recourse/infrastructure';
import { DeadLetters, resolveProjectionOptions } from '@recourse/projections';

const USAGE = 'usage: npm run dead-letters -- list | retry [id] | drop [id]';

async function main(): Promise<void> {
  const [command, id] = process.argv.slice(2);
  if (!['list', 'retry', 'drop'].includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.redisUrl) {
    throw new ConfigError('REDIS_URL', 'dead letters live in Redis: set REDIS_URL');
  }
  const logger = pino({ base: undefined });
  const redis = openRedis(config.redisUrl, { maxRetriesPerRequest: 1 });
  const letters = new DeadLetters(
    redis,
    process.env.PROJECTION_PREFIX ?? resolveProjectionOptions().prefix,
  );
  try {
    if (command === 'list') {
      const jobs = await letters.list();
      for (const job of jobs) {
        logger.info(
          {
            jobId: job.jobId,
            queue: job.queue,
            failedAt: job.failedAt,
            error: job.error,
            events: job.events.map(({ id, stream, revision, type }) => ({
              id,
              stream,
              revision,
              type,
            })),
          },
          'dead job',
        );
      }
      logger.info(
        { jobs: jobs.length, events: jobs.reduce((n, job) => n + job.events.length, 0) },
        'dead letters listed',
      );
    } else if (command === 'retry') {
      logger.info(await letters.retry(id), 'dead jobs handed back to their partition queues');
    } else {
      const db = await openDatabase({
        url: config.databaseUrl,
        dataDir: join(config.dataDir, 'pglite'),
      });
      try {
        logger.info(
          await letters.drop(db, id),
          'dead jobs dropped: their events stay out of the read models until npm run projections:rebuild',
        );
      } finally {
        await db.close();
      }
    }
  } finally {
    await letters.close();
    redis.disconnect();
  }
}

main().catch(exitOnStartupFailure('dead-letters'));
