/**
 * `npm run lint:api`: writes openapi.json from the application's controllers and DTOs, then
 * validates it with swagger-parser (redocly lint runs next, from package.json).
 * `--check` (part of `npm run lint`): fails when the committed openapi.json is not what the code
 * generates, so the contract in the repository never drifts from the server.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { NestFactory } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@recourse/config';
import { AppModule } from '../apps/api/src/app.module';
import { buildOpenApiDocument } from '../apps/api/src/docs';

const SPEC_PATH = join(__dirname, '..', 'openapi.json');

/** The document of the all-in-one application; preview mode builds no provider and opens no store. */
export async function generateSpec(): Promise<string> {
  const config = loadConfig({ AUTH_JWT_SECRET: 'openapi-generation-only-'.padEnd(40, '0') });
  const app = await NestFactory.create(AppModule.forRoot(config, { worker: true }), {
    preview: true,
    logger: false,
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('../package.json') as { version: string };
  const document = buildOpenApiDocument(app, version);
  await app.close();
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<void> {
  const spec = await generateSpec();
  if (process.argv.includes('--check')) {
    if (readFileSync(SPEC_PATH, 'utf8') !== spec) {
      console.error('openapi.json is stale: run `npm run lint:api` and commit openapi.json');
      process.exit(1);
    }
    return;
  }
  writeFileSync(SPEC_PATH, spec);
  await SwaggerParser.validate(SPEC_PATH);
  console.log(`wrote ${SPEC_PATH}: valid under swagger-parser`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
