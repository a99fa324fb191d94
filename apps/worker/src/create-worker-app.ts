import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { RecourseConfig } from '@recourse/config';
import { WorkerProcessModule, type WorkerOverrides } from './worker.module';

/**
 * The configured, initialised worker: its background work running, its HTTP server (/health,
 * /metrics) ready to listen. main.ts listens on WORKER_PORT; tests drive it through supertest.
 */
export async function createWorkerApp(
  config: RecourseConfig,
  overrides: WorkerOverrides = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    WorkerProcessModule.forRoot(config, overrides),
    {
      bufferLogs: true,
      abortOnError: false,
      // a failure is explained by exitOnStartupFailure, not dumped by Nest
      autoFlushLogs: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  app.disable('x-powered-by');
  await app.init();
  return app;
}
