import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { RecourseConfig } from '@recourse/config';
import { AppModule, type AppOverrides } from './app.module';
import { buildOpenApiDocument, setupDocs } from './docs';
import { applyCors } from './cors';
import { applyTransportSecurity } from './transport-security';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../../../package.json') as { version: string };

/**
 * The configured, initialised API application. main.ts listens on it; tests drive it through
 * supertest. Same code path in every mode.
 */
export async function createApp(
  config: RecourseConfig,
  overrides: AppOverrides = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, overrides),
    {
      bodyParser: false, // AppModule parses JSON (64 KiB) after the logger
      bufferLogs: true,
      abortOnError: false, // start-up errors are thrown to the caller, not process.abort()
      // nor printed by Nest with a stack dump: the caller explains them (exitOnStartupFailure)
      autoFlushLogs: false,
    },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs(); // NestFactory.create does not flush on useLogger: buffered lines would hold every later one
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  applyCors(app, config);
  applyTransportSecurity(app, config);
  // the only ETags are the strong case revisions that If-Match takes, not Express's weak body hashes
  app.set('etag', false);
  setupDocs(app, buildOpenApiDocument(app, version));
  await app.init();
  return app;
}
