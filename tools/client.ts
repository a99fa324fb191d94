/**
 * `npm run client:generate`: writes libs/client/src/openapi.ts, the TypeScript types of the
 * committed openapi.json (openapi-typescript), formatted as the rest of the code.
 * `--check` (part of `npm run lint`): fails when the committed types are not what openapi.json
 * generates, so the typed client never drifts from the contract.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

const ROOT = join(__dirname, '..');
const SPEC_PATH = join(ROOT, 'openapi.json');
const TYPES_PATH = join(ROOT, 'libs', 'client', 'src', 'openapi.ts');

const HEADER =
  '// Generated from openapi.json by `npm run client:generate` (openapi-typescript): do not edit.\n';

async function generateClientTypes(): Promise<string> {
  const spec = JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as OpenAPI3;
  const source = HEADER + astToString(await openapiTS(spec));
  return format(source, { ...(await resolveConfig(TYPES_PATH)), filepath: TYPES_PATH });
}

async function main(): Promise<void> {
  const types = await generateClientTypes();
  if (process.argv.includes('--check')) {
    if (readFileSync(TYPES_PATH, 'utf8') !== types) {
      console.error(
        'libs/client/src/openapi.ts is stale: run `npm run client:generate` and commit it',
      );
      process.exit(1);
    }
    return;
  }
  writeFileSync(TYPES_PATH, types);
  console.log(`wrote ${TYPES_PATH}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
