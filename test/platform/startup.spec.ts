import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { mintToken } from '@recourse/auth';
import { loadConfig } from '@recourse/config';
import { DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { examplePolicyJson } from '@recourse/domain';
import { createApp } from '../../apps/api/src/create-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '../..');

/** starts main.ts as `npm start` would (without the build) and returns how it ended */
async function startMain(env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      'node',
      ['-r', '@swc-node/register', 'apps/api/src/main.ts', '--api-only'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, ...env },
        timeout: 30_000,
      },
    );
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
});
