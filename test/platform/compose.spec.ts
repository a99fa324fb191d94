import { execFile, execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { loadConfig } from '@recourse/config';
import { startTestApp, type TestApp } from '../support/app';

/**
 * docker-compose.yml and the Dockerfile, read as Docker reads them (no Docker engine runs in the
 * test environment): everything starts in order, restarts, can be scaled, and refuses to start
 * without its secrets; the health checks they run answer against the real server.
 */
const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: string;
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  healthcheck?: { test: string[] };
}
interface ComposeFile {
  include?: string[];
  services: Record<string, Service>;
}

const composeFile = (file: string) => parse(read(file), { merge: true }) as ComposeFile;

/** the project `docker compose up` starts: the file and what it includes */
function project(file: string): Record<string, Service> {
  const compose = composeFile(file);
  return Object.assign({}, ...(compose.include ?? []).map(project), compose.services) as Record<
    string,
    Service
  >;
}

const services = project('docker-compose.yml');
const STORES = ['kurrentdb', 'postgres', 'redis'];
const APPS = ['api', 'worker'];
const SECRETS = ['AUTH_JWT_SECRET', 'RECOURSE_KEK', 'RECOURSE_LOG_SIGNING_KEY'];

/** Compose's `${NAME:?message}`, `${NAME:-default}` and `${NAME}` with the given variables */
function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (whole, name: string) => {
    if (variables[name] !== undefined) return variables[name];
    if (whole.includes(':?')) throw new Error(`${name} is required`);
    return whole.includes(':-') ? (/:-([^}]*)\}$/.exec(whole)?.[1] ?? '') : '';
  });
}

/** runs a healthcheck's `["CMD", "node", "-e", script]` with `localhost:<port>` pointed at `port` */
async function runNodeCheck(
  test: string[],
  port: number,
  env: Record<string, string> = {},
): Promise<number> {
  const [kind, command, ...args] = test;
  expect([kind, command]).toEqual(['CMD', 'node']);
  const pointed = args.map((arg) => arg.replace(/localhost:\d+/, `localhost:${port}`));
  return promisify(execFile)(process.execPath, pointed, { env: { ...process.env, ...env } }).then(
    () => 0,
    (error: { code?: number }) => error.code ?? -1,
  );
}

describe('docker-compose.yml', () => {
  it('starts the three stores and the two processes', () => {
    expect(Object.keys(services).sort()).toEqual([...APPS, ...STORES].sort());
  });

  it('gives every service a health check and a restart policy', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, healthcheck: (service.healthcheck?.test.length ?? 0) > 1 }).toEqual({
        name,
        healthcheck: true,
      });
      expect({ name, restart: service.restart }).toEqual({
        name,
        restart: expect.stringMatching(/^(unless-stopped|on-failure|always)$/) as string,
      });
    }
  });

  it('starts each process only once every store it uses is healthy', () => {
    for (const name of APPS) {
      expect(services[name].depends_on).toEqual(
        Object.fromEntries(STORES.map((store) => [store, { condition: 'service_healthy' }])),
      );
    }
    for (const store of STORES) expect(services[store].depends_on).toBeUndefined();
  });

  it('publishes the api on an ephemeral host port, so that it can be scaled', () => {
    expect(services.api.ports).toEqual(['3000']);
    expect(services.api.environment?.PORT).toBe('3000');
    expect(services.worker.ports).toBeUndefined();
  });

  it('stops `docker compose up` with a message when a secret is missing', () => {
    for (const app of APPS) {
      for (const secret of SECRETS) {
        expect(services[app].environment?.[secret]).toMatch(
          new RegExp(`^\\$\\{${secret}:\\?set ${secret} .+\\}$`),
        );
        expect(() => interpolate(services[app].environment![secret], {})).toThrow(secret);
      }
    }
  });

  it('starts the stores alone without any secret (docker-compose.stores.yml)', () => {
    expect(read('docker-compose.stores.yml')).not.toContain('${');
    expect(Object.keys(composeFile('docker-compose.stores.yml').services).sort()).toEqual(STORES);
  });

  it('gives the processes an environment the configuration accepts', () => {
    const secrets = {
      AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
      RECOURSE_KEK: randomBytes(32).toString('base64'),
      RECOURSE_LOG_SIGNING_KEY: generateKeyPairSync('ed25519')
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString(),
    };
    for (const app of APPS) {
      const env = Object.fromEntries(
        Object.entries(services[app].environment ?? {}).map(([name, value]) => [
          name,
          interpolate(String(value), secrets),
        ]),
      );
      const config = loadConfig(env);
      expect(config.mode).toBe('external');
      expect(config.transparencyLog.signingKey).toBe(secrets.RECOURSE_LOG_SIGNING_KEY.trim());
    }
  });

  it('checks the worker on its WORKER_PORT', () => {
    const port = services.worker.environment?.WORKER_PORT;
    expect(port).toMatch(/^\d+$/);
    expect(services.worker.healthcheck?.test.join(' ')).toContain(`localhost:${port}/health`);
  });

  const composeCli = (() => {
    try {
      execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  (composeCli ? it : it.skip)('is a valid Compose file for `docker compose config`', () => {
    const run = (env: Record<string, string>) =>
      execFileSync('docker', ['compose', 'config', '--quiet'], {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: 'pipe',
      });
    expect(() => run({})).toThrow(/AUTH_JWT_SECRET|RECOURSE_KEK|RECOURSE_LOG_SIGNING_KEY/);
    expect(() =>
      run(Object.fromEntries(SECRETS.map((secret) => [secret, 'x'.repeat(40)]))),
    ).not.toThrow();
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds and runs on a supported Node LTS, as an unprivileged user', () => {
    const bases = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]);
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) expect(base).toMatch(/^node:(22|24)[.-]/);
    expect(dockerfile).toMatch(/^USER node$/m);
  });

  it('has a HEALTHCHECK', () => {
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });
});

describe('the health checks, run against the real server', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  /** the exec form of the Dockerfile's HEALTHCHECK CMD */
  const dockerfileCheck = (): string[] => {
    const line = /^HEALTHCHECK [^\n]*\\\n\s*CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    return ['CMD', ...(JSON.parse(line ?? '[]') as string[])];
  };

  it("passes the api's compose check while the server is ready, fails with nothing listening", async () => {
    const test = services.api.healthcheck!.test;
    expect(test.join(' ')).toContain('/health/ready');
    expect(await runNodeCheck(test, port)).toBe(0);
    expect(await runNodeCheck(test, 9)).not.toBe(0);
  });

  it("passes the Dockerfile's HEALTHCHECK on PORT while the server is live", async () => {
    const test = dockerfileCheck();
    expect(await runNodeCheck(test, port, { PORT: String(port) })).toBe(0);
    expect(await runNodeCheck(test, port, { PORT: '9' })).not.toBe(0);
  });
});
