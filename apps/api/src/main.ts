import { Logger } from '@nestjs/common';
import { loadConfig, loadConfiguredPolicy } from '@recourse/config';
import { assertPortFree, exitOnStartupFailure, waitForRedis } from '@recourse/infrastructure';
import { createApp } from './create-app';

/**
 * `npm start`: API and worker in one process (all-in-one). `--api-only` (npm run start:api):
 * the HTTP API alone, with workers started apart (npm run start:worker).
 */
async function main(): Promise<void> {
  const apiOnly = process.argv.includes('--api-only');
  const config = loadConfig();
  // validated before Nest starts, so a bad policy stops start-up with just its message
  const policy = loadConfiguredPolicy(config.policyPath);
  // before the modules start (and log that they did): a port in use fails first, alone
  await assertPortFree(config.port);
  if (config.redisUrl && !apiOnly) await waitForRedis(config.redisUrl);
  const app = await createApp(config, { policy, worker: !apiOnly });
  app.enableShutdownHooks();
  await app.listen(config.port);
  const url = `http://localhost:${config.port}`;
  new Logger('Main').log(
    {
      url,
      mode: config.mode,
      worker: apiOnly ? 'separate process' : 'in process',
      policyVersion: policy.version,
    },
    `Recourse listening on ${url} (API docs: ${url}/docs). ` +
      'Mint a token: npm run token -- --sub u1 --role citizen',
  );
}

main().catch(exitOnStartupFailure('start-up'));
