import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { stopOnExit } from './stop-on-exit';

const run = promisify(execFile);

/** A port nothing listens on right now (the kernel's pick), for a server started next. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl on a free port), so that a test can
 * stop, restart and cut it without touching the shared one. initdb refuses to run as root (CI
 * does): the server's files then belong to the `postgres` user and its commands run as it.
 * Stopped and removed when the process ends, should the test not get to destroy() it.
 */
export class PrivatePostgres {
  private readonly forgetExitHook = stopOnExit(() => {
    try {
      this.commandSync('pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', '-t', '10', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  });

  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly asUser: string[],
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  static async start(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'recourse-pg-'));
    const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    if (asUser.length > 0) chownSync(dir, ...postgresIds());
    const server = new PrivatePostgres(dir, await freePort(), asUser);
    await server.command('initdb', [
      '-D',
      server.data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '--no-sync',
    ]);
    await server.startServer();
    return server;
  }

  private get data(): string {
    return join(this.dir, 'data');
  }

  async startServer(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      `-k ${this.dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ');
    await this.command('pg_ctl', [
      '-D',
      this.data,
      '-o',
      options,
      '-l',
      join(this.dir, 'log'),
      '-w',
      '-t',
      '60',
      'start',
    ]);
  }

  /** `fast`: every session is cut; `immediate`: like a crash (recovery at the next start) */
  async stopServer(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.command('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async restart(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.stopServer(mode);
    await this.startServer();
  }

  /** pg_terminate_backend on every client session but the one asking; resolves to how many */
  async terminateBackends(): Promise<number> {
    const client = new Client({ connectionString: this.url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      return Number(rows[0].n);
    } finally {
      await client.end();
    }
  }

  async destroy(): Promise<void> {
    this.forgetExitHook();
    await this.stopServer('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async command(name: string, args: string[]): Promise<void> {
    const [file, ...rest] = [...this.asUser, serverBinary(name), ...args];
    await run(file, rest, { env: { ...process.env, LC_ALL: 'C' } });
  }

  private commandSync(name: string, args: string[]): void {
    const [file, ...rest] = [...this.asUser, serverBinary(name), ...args];
    execFileSync(file, rest, { env: { ...process.env, LC_ALL: 'C' }, stdio: 'ignore' });
  }
}

/** on PATH, or in Debian's versioned directory (the newest) when it is not */
function serverBinary(name: string): string {
  const onPath = (process.env.PATH ?? '')
    .split(':')
    .some((dir) => dir && existsSync(join(dir, name)));
  if (onPath) return name;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((v) => join(root, v, 'bin', name)).find((path) => existsSync(path));
  return found ?? name;
}

function postgresIds(): [number, number] {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
  return [id('-u'), id('-g')];
}
