import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@recourse/config';
import { exitOnStartupFailure, waitForRedis } from '@recourse/infrastructure';
import { WorkerProcessModule } from './worker.module';

/**
 * `npm run start:worker`: the feeder, projection workers (and deadline timers) without HTTP.
 * SIGTERM/SIGINT close it gracefully: the feeder stops, each worker finishes the job in hand.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // the queues live there: better one clear line now than connection errors forever
  if (config.redisUrl) await waitForRedis(config.redisUrl);
  const app = await NestFactory.createApplicationContext(WorkerProcessModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
    // a failure is explained by exitOnStartupFailure, not dumped by Nest
    autoFlushLogs: false,
  });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log({
    msg: 'worker started',
    mode: config.mode,
    queue: config.redisUrl ? 'bullmq' : 'in-process',
  });
}

main().catch(exitOnStartupFailure('worker start-up'));
