import { Logger } from 'nestjs-pino';
import { loadConfig } from '@recourse/config';
import { assertPortFree, exitOnStartupFailure, waitForRedis } from '@recourse/infrastructure';
import { createWorkerApp } from './create-worker-app';

/**
 * `npm run start:worker`: the feeder, projection workers, deadline timers and notifications, with
 * GET /health and GET /metrics on WORKER_PORT. SIGTERM/SIGINT close it gracefully: the feeder
 * stops, each worker finishes the job in hand.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  // before the modules start: a port in use fails first, alone
  await assertPortFree(config.workerPort, 'WORKER_PORT');
  // the queues live there: better one clear line now than connection errors forever
  if (config.redisUrl) await waitForRedis(config.redisUrl);
  const app = await createWorkerApp(config);
  app.enableShutdownHooks();
  await app.listen(config.workerPort);
  app.get(Logger).log({
    msg: 'worker started',
    mode: config.mode,
    queue: config.redisUrl ? 'bullmq' : 'in-process',
    port: config.workerPort,
  });
}

main().catch(exitOnStartupFailure('worker start-up'));
