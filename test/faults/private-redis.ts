import { spawn, type ChildProcess } from 'node:child_process';
import IORedis from 'ioredis';
import { freePort } from '../support/private-postgres';
import { stopOnExit } from '../support/stop-on-exit';

/**
 * A Redis of the suite's own, without persistence: a restart comes back empty. Killed when the
 * process ends, should the suite not get to stop() it.
 */
export class PrivateRedis {
  private process?: ChildProcess;
  private readonly forgetExitHook = stopOnExit(() => this.process?.kill('SIGKILL'));

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.startServer();
    return redis;
  }

  async startServer(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const client = new IORedis(this.url, { lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await client.connect();
          await client.ping();
          return;
        } catch (error) {
          if (attempt > 100) throw error;
          client.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    } finally {
      client.disconnect();
    }
  }

  /** BullMQ workers connected to it: each has a blocking connection BullMQ names `<prefix>:<queue>` */
  async workerConnections(): Promise<number> {
    const client = new IORedis(this.url, { lazyConnect: true, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const clients = (await client.client('LIST')) as string;
      return clients.split('\n').filter((line) => / name=\S+:\S/.test(line)).length;
    } catch {
      return 0;
    } finally {
      client.disconnect();
    }
  }

  /**
   * Starts the server again, then waits (up to 30 s) until `workers` BullMQ workers are connected
   * again: a worker closed while it is still reconnecting never finishes closing (BullMQ #4656),
   * so an app that had its Redis killed closes cleanly only after this.
   */
  async startServerAwaitingWorkers(workers: number): Promise<void> {
    await this.startServer();
    const deadline = Date.now() + 30_000;
    while ((await this.workerConnections()) < workers && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGKILL: whatever it held is gone */
  async kill(): Promise<void> {
    const running = this.process;
    // killed before: exitCode stays null, and 'exit' will not come again
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  }

  /** killed for good: nothing left for the exit hook */
  async stop(): Promise<void> {
    this.forgetExitHook();
    await this.kill();
  }

  async restartEmpty(): Promise<void> {
    await this.kill();
    await this.startServer();
  }
}
