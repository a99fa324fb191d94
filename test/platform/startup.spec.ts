import { execFile, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { mintToken } from '@recourse/auth';
import { loadConfig } from '@recourse/config';
import { DATABASE, REDIS_STARTUP_WAIT_MS } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { examplePolicyJson } from '@recourse/domain';
import { createApp } from '../../apps/api/src/create-app';
import { freePort } from '../support/private-postgres';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

const API_MAIN = ['apps/api/src/main.ts', '--api-only'];
const WORKER_MAIN = ['apps/worker/src/main.ts'];

/** starts main.ts as `npm start` would (without the build) and returns how it ended */
async function startMain(
  env: Record<string, string>,
  main = API_MAIN,
): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('node', ['-r', '@swc-node/register', ...main], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      timeout: 30_000,
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('start-up', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'recourse-startup-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops with a message naming a bad variable', async () => {
    const { code, output } = await startMain({ RECOURSE_DATA_DIR: dataDir, LOG_LEVEL: 'loud' });
    expect(code).toBe(1);
    const line = JSON.parse(output.trim().split('\n').pop()!);
    expect(line).toMatchObject({
      level: 60,
      variable: 'LOG_LEVEL',
      msg: expect.stringContaining('LOG_LEVEL: expected one of'),
    });
  });

  it('stops with a message naming the invalid field of the policy file', async () => {
    const policy = join(dataDir, 'policy.json');
    writeFileSync(
      policy,
      JSON.stringify({
        ...examplePolicyJson,
        escalation: { ...examplePolicyJson.escalation, onMissedDeadline: 'yes' },
      }),
    );
    const { code, output } = await startMain({
      RECOURSE_DATA_DIR: dataDir,
      RECOURSE_POLICY: policy,
    });
    expect(code).toBe(1);
    expect(output).toContain('RECOURSE_POLICY');
    expect(output).toContain('escalation.onMissedDeadline');
  });

  it('keeps embedded data and the generated dev secret across a restart', async () => {
    const env = { RECOURSE_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const first = loadConfig(env);
    expect(first.mode).toBe('embedded');
    const token = await mintToken({ sub: 'u1', role: 'citizen' }, first);

    let app = await createApp(first);
    try {
      expect((await request(app.getHttpServer()).get('/health/ready')).status).toBe(200);
      const database = app.get<Database>(DATABASE);
      expect(database.kind).toBe('pglite');
      await database.query('create table restart_probe (note text)');
      await database.query(`insert into restart_probe values ('kept')`);
    } finally {
      await app.close();
    }

    const second = loadConfig(env);
    expect(second.auth).toEqual(first.auth);
    app = await createApp(second);
    try {
      const database = app.get<Database>(DATABASE);
      expect((await database.query('select note from restart_probe')).rows).toEqual([
        { note: 'kept' },
      ]);
      // a token minted before the restart is still accepted: the route exists only for authenticated callers
      const res = await request(app.getHttpServer())
        .get('/v1/cases/mine')
        .set('Authorization', `Bearer ${token}`);
      expect(res.status).not.toBe(401);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses a second process on one data directory, naming it and the holder; creates it if missing', async () => {
    const missing = join(dataDir, 'not', 'yet');
    const env = {
      RECOURSE_DATA_DIR: missing,
      AUTH_JWT_SECRET: 'startup-test-secret-0123456789-0123456789',
      PATH: process.env.PATH ?? '',
    };
    const first = spawn('node', ['-r', '@swc-node/register', ...API_MAIN], {
      cwd: ROOT,
      env: { ...env, PORT: String(await freePort()) },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let output = '';
        first.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Recourse listening')) resolve();
        });
        first.once('exit', () => reject(new Error(`the first process ended: ${output}`)));
      });
      const second = await startMain({ ...env, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expect(second.output).not.toContain('Recourse listening');
      const line = JSON.parse(second.output.trim().split('\n').pop()!);
      expect(line).toMatchObject({
        level: 60,
        variable: 'RECOURSE_DATA_DIR',
        holder: { pid: first.pid },
        msg: expect.stringContaining(
          `data directory ${join(missing, 'pglite')} is in use by process ${first.pid}`,
        ),
      });
    } finally {
      first.kill('SIGTERM');
      await new Promise((resolve) => first.once('exit', resolve));
    }
  }, 120_000);

  it('fails on a port in use with one line naming PORT, before saying it started', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    try {
      const port = (taken.address() as { port: number }).port;
      const { code, output } = await startMain({
        RECOURSE_DATA_DIR: dataDir,
        PORT: String(port),
      });
      expect(code).toBe(1);
      expect(output).not.toMatch(/started|listening/i);
      expect(JSON.parse(output.trim().split('\n').pop()!)).toMatchObject({
        level: 60,
        variable: 'PORT',
        msg: `port ${port} is in use by another process: stop it, or choose another PORT`,
      });
    } finally {
      taken.close();
    }
  });

  it('refuses to start in production without RECOURSE_KEK, naming it', async () => {
    const { code, output } = await startMain({
      RECOURSE_DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      AUTH_JWT_SECRET: 'startup-test-secret-0123456789-0123456789',
    });
    expect(code).toBe(1);
    expect(output).not.toMatch(/started|listening/i);
    expect(JSON.parse(output.trim().split('\n').pop()!)).toMatchObject({
      level: 60,
      variable: 'RECOURSE_KEK',
      msg: expect.stringContaining('RECOURSE_KEK: required when DATABASE_URL or EVENTSTORE_URL'),
    });
  });

  it('names a missing database and how to create it, in one line', async () => {
    const { code, output } = await startMain({
      RECOURSE_DATA_DIR: dataDir,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/recourse_no_such_database',
      RECOURSE_LOG_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      AUTH_JWT_SECRET: 'startup-test-secret-0123456789-0123456789',
      RECOURSE_KEK: Buffer.alloc(32, 1).toString('base64'),
      PORT: String(await freePort()),
    });
    expect(code).toBe(1);
    const last = output.trim().split('\n').pop()!;
    expect(JSON.parse(last)).toMatchObject({
      level: 60,
      variable: 'DATABASE_URL',
      msg: expect.stringContaining(
        'database "recourse_no_such_database" does not exist on the server DATABASE_URL names',
      ),
    });
    expect(last).toContain('createdb -h 127.0.0.1 -p 5432 -U postgres recourse_no_such_database');
    expect(output).not.toMatch(/\n\s+at /); // no stack dump
  });

  it('stops a worker whose Redis does not answer after a bounded wait, naming REDIS_URL', async () => {
    const started = Date.now();
    const { code, output } = await startMain(
      {
        RECOURSE_DATA_DIR: dataDir,
        REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
        WORKER_PORT: String(await freePort()),
      },
      WORKER_MAIN,
    );
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(REDIS_STARTUP_WAIT_MS + 20_000);
    expect(JSON.parse(output.trim().split('\n').pop()!)).toMatchObject({
      level: 60,
      variable: 'REDIS_URL',
      msg: expect.stringContaining('did not answer within 10 s'),
    });
  }, 60_000);
});
