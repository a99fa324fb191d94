import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '@recourse/auth';
import { loadConfig } from '@recourse/config';
import { createApp } from '../../apps/api/src/create-app';
import { appealBody } from '../../test/support/fixtures';
import { DATABASE_URL, log, ratio, ROUNDS, scratchDatabase, SECONDS } from './database';

const CONNECTIONS = 8;

/**
 * GET /v1/cases/:id per second, read by a caseworker (each read recorded in the access stream
 * before the answer) vs by the owner (not recorded), rounds alternating, on PostgreSQL.
 */
export async function readAuditCost() {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-log-app-'));
  const db = await scratchDatabase(20);
  const config = loadConfig({
    AUTH_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    RECOURSE_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
  });
  const app = await createApp(config, { database: db, worker: true });
  await app.listen(0, '127.0.0.1');
  try {
    const url = await app.getUrl();
    const owner = `Bearer ${await mintToken({ sub: 'citizen-liu', role: 'citizen' }, config)}`;
    const staff = `Bearer ${await mintToken({ sub: 'cw-1', role: 'caseworker', authorityId: 'zhengzhou-health' }, config)}`;
    const filed = await fetch(`${url}/v1/cases`, {
      method: 'POST',
      headers: { authorization: owner, 'content-type': 'application/json' },
      body: JSON.stringify(appealBody()),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const path = `${url}/v1/cases/${filed.id}`;
    for (
      let tries = 0;
      (await fetch(path, { headers: { authorization: owner } })).status !== 200;
      tries++
    ) {
      if (tries > 200) throw new Error('the case never reached the read models');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rates = { recorded: 0, owner: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      for (const [who, token] of [
        ['owner', owner],
        ['recorded', staff],
      ] as const) {
        const result = await autocannon({
          url: path,
          connections: CONNECTIONS,
          duration: SECONDS,
          headers: { authorization: token },
        });
        if (result.non2xx > 0) throw new Error(`${who}: ${result.non2xx} answers were not 2xx`);
        rates[who] += result.requests.average;
        log(`GET /v1/cases/:id as ${who}: ${Math.round(result.requests.average)}/s`);
      }
    }
    return {
      connections: CONNECTIONS,
      database: DATABASE_URL.replace(/\/\/[^@]*@/, '//'),
      requestsPerSecondRecorded: Math.round(rates.recorded / ROUNDS),
      requestsPerSecondOwner: Math.round(rates.owner / ROUNDS),
      ratio: ratio(rates.recorded, rates.owner),
      target: '>= 0.7',
    };
  } finally {
    await app.close();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
