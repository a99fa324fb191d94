import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadConfig } from '@recourse/config';
import { exitOnStartupFailure } from '@recourse/infrastructure';
import { WorkerModule } from './worker.module';

/**
 * `npm run start:worker`: the feeder, projection workers (and deadline timers) without HTTP.
 * SIGTERM/SIGINT close it gracefully: the feeder stops, each worker finishes the job in hand.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  app.get(Logger).log({
    msg: 'worker started',
    mode: config.mode,
    queue: config.redisUrl ? 'bullmq' : 'in-process',
  });
}

main().catch(exitOnStartupFailure('worker start-up'));
