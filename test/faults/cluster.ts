import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examplePolicyJson } from '@recourse/domain';
import { freePort, PrivatePostgres } from '../support/private-postgres';
import { PgProxy } from './pg-proxy';
import { PrivateRedis } from './private-redis';

const ROOT = join(__dirname, '../..');
export const JWT_SECRET = 'fault-suite-secret-not-for-production-0123456789';
const READY_TIMEOUT_MS = 90_000;
/** keeps every process's whole output in <dir>/<name>.log (the suite holds only the tail) */
const LOG_DIR = process.env.FAULTS_LOG_DIR;

/** Deadlines in seconds, so that many fall due while the load runs. */
const POLICY = {
  ...examplePolicyJson,
  version: 'fault-suite',
  deadlines: {
    appeal: {
      standard: { acknowledge: 'PT4S', respond: 'PT8S' },
      urgent: { acknowledge: 'PT4S', respond: 'PT8S' },
    },
    petition: { standard: { acknowledge: 'PT4S', respond: 'PT8S' } },
    escalated: { acknowledge: 'PT1H', respond: 'PT2H' },
  },
  escalation: { onMissedDeadline: true, citizenWindow: 'PT1H' },
};

type Role = 'api' | 'worker';

/** One api or worker process, restartable; its output kept for when something goes wrong. */
export class Node {
  private child?: ChildProcess;
  output = '';

  constructor(
    readonly name: string,
    readonly role: Role,
    private readonly env: Record<string, string>,
    readonly port?: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const main =
      this.role === 'api' ? ['apps/api/src/main.ts', '--api-only'] : ['apps/worker/src/main.ts'];
    const child = spawn('node', ['-r', '@swc-node/register', ...main], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.keep(`--- ${new Date().toISOString()} started, pid ${child.pid}\n`);
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name} did not start: ${this.output.slice(-2000)}`)),
        READY_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer) => {
        this.output = (this.output + chunk.toString()).slice(-200_000);
        this.keep(chunk);
        if (/Recourse listening|worker started/.test(this.output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`${this.name} exited (${code}): ${this.output.slice(-2000)}`));
      });
    });
    this.output = '';
    await ready;
  }

  private keep(text: Buffer | string): void {
    if (!LOG_DIR) return;
    mkdirSync(LOG_DIR, { recursive: true });
    appendFileSync(join(LOG_DIR, `${this.name}.log`), text);
  }

  get alive(): boolean {
    return (
      this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null
    );
  }

  /** how many times the process exited on its own (it must never) */
  unexpectedExits = 0;

  watch(): void {
    this.child?.once('exit', (_code, signal) => {
      if (signal !== 'SIGKILL' && signal !== 'SIGTERM') this.unexpectedExits += 1;
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.keep(`--- ${new Date().toISOString()} ${signal}\n`);
    child.kill(signal);
    await exited;
  }
}

/** PostgreSQL (api processes reach it through a cutting proxy), Redis, 2 api and 2 workers. */
export class Cluster {
  private constructor(
    readonly postgres: PrivatePostgres,
    readonly redis: PrivateRedis,
    readonly proxy: PgProxy,
    readonly apis: Node[],
    readonly workers: Node[],
    private readonly dir: string,
  ) {}

  static async start(): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), 'recourse-faults-'));
    const policyPath = join(dir, 'policy.json');
    writeFileSync(policyPath, JSON.stringify(POLICY));
    const postgres = await PrivatePostgres.start();
    const redis = await PrivateRedis.start();
    const proxy = await PgProxy.start(postgres.port);
    const common = {
      AUTH_JWT_SECRET: JWT_SECRET,
      RECOURSE_KEK: randomBytes(32).toString('base64'),
      RECOURSE_LOG_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
      RECOURSE_POLICY: policyPath,
      REDIS_URL: redis.url,
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'info',
    };
    const node = (name: string, role: Role, databasePort: number, port?: number) =>
      new Node(
        name,
        role,
        {
          ...common,
          DATABASE_URL: `postgres://postgres@127.0.0.1:${databasePort}/postgres`,
          RECOURSE_DATA_DIR: join(dir, name),
          // two workers on one host: each its own WORKER_PORT for /health and /metrics
          ...(port ? { [role === 'api' ? 'PORT' : 'WORKER_PORT']: String(port) } : {}),
        },
        port,
      );
    const apis = [
      node('api-1', 'api', proxy.port, await freePort()),
      node('api-2', 'api', proxy.port, await freePort()),
    ];
    const workers = [
      node('worker-1', 'worker', postgres.port, await freePort()),
      node('worker-2', 'worker', postgres.port, await freePort()),
    ];
    const cluster = new Cluster(postgres, redis, proxy, apis, workers, dir);
    // one first, so that the migrations do not all race on a cold machine
    await apis[0].start();
    await Promise.all([apis[1], ...workers].map((n) => n.start()));
    for (const n of [...apis, ...workers]) n.watch();
    return cluster;
  }

  get databaseUrl(): string {
    return this.postgres.url;
  }

  private readonly starting = new Set<Promise<void>>();

  /** SIGKILL now; started again a second later, in the background (see `restarted`) */
  async killAndRestart(node: Node): Promise<void> {
    await node.kill('SIGKILL');
    const start = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await node.start();
      node.watch();
    })();
    this.starting.add(start);
    void start.finally(() => this.starting.delete(start)).catch(() => undefined);
  }

  /** resolves once every process killed and restarted is up again */
  async restarted(): Promise<void> {
    await Promise.all(this.starting);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((n) => n.kill('SIGTERM')));
    await this.proxy.close();
    await this.redis.stop();
    await this.postgres.destroy();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
