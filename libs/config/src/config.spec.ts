import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { chooseLogFormat, loadConfig } from './config';
import { ConfigError } from './config-error';
import { loadPolicyFile } from './policy-file';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const KEK = Buffer.alloc(32, 7).toString('base64');

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'recourse-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => loadConfig({ RECOURSE_DATA_DIR: dataDir, ...env });
  const failure = (env: Record<string, string>): ConfigError => {
    try {
      load(env);
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('has defaults for everything in embedded mode', () => {
    const config = load({ AUTH_JWT_SECRET: SECRET });
    expect(config).toMatchObject({
      port: 3000,
      workerPort: 3001,
      dataDir,
      logLevel: 'info',
      requestLogLevel: 'debug',
      idempotencyKeyTtlMs: 24 * 3_600_000,
      rateLimitPerMinute: 300,
      rateLimitPerAddressPerMinute: 3000,
      trustProxy: false,
      corsOrigins: [],
      mode: 'embedded',
      auth: { algorithm: 'HS256', secret: SECRET },
      tokens: { maxLifetimeSeconds: 86_400 },
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000 },
    });
    expect(config.policyPath).toBeUndefined();
    expect(config.tokens.issuer).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
    expect(loadConfig({ AUTH_JWT_SECRET: SECRET }).dataDir).toBe(join(process.cwd(), 'data'));
  });

  it('reads every variable', () => {
    const config = load({
      PORT: '8080',
      WORKER_PORT: '9090',
      RECOURSE_POLICY: 'policy.json',
      AUTH_JWT_SECRET: SECRET,
      EVENTSTORE_URL: 'kurrentdb://localhost:2113?tls=false',
      DATABASE_URL: 'postgresql://u@db/recourse',
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'debug',
      REQUEST_LOG_LEVEL: 'info',
      IDEMPOTENCY_KEY_TTL: 'PT30M',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '600',
      TRUST_PROXY: 'loopback, 10.0.0.0/8,2001:db8::1',
      CORS_ORIGINS: 'https://portal.example.org, http://localhost:5173',
      SMTP_URL: 'smtp://mail.example.org:587',
      NOTIFY_FROM: 'Recourse <notify@example.org>',
      AUTH_JWT_ISSUER: 'https://idp.example.org',
      AUTH_JWT_AUDIENCE: 'recourse',
      AUTH_MAX_TOKEN_AGE: 'PT1H',
      METRICS_TOKEN: 'scrape-me',
      HTTP_HEADERS_TIMEOUT: '2.5',
      HTTP_REQUEST_TIMEOUT: '60',
      RECOURSE_KEK: KEK,
    });
    expect(config).toMatchObject({
      port: 8080,
      workerPort: 9090,
      policyPath: join(process.cwd(), 'policy.json'),
      eventStoreUrl: 'kurrentdb://localhost:2113?tls=false',
      databaseUrl: 'postgresql://u@db/recourse',
      redisUrl: 'redis://127.0.0.1:6379',
      logLevel: 'debug',
      requestLogLevel: 'info',
      idempotencyKeyTtlMs: 30 * 60_000,
      rateLimitPerMinute: 0,
      rateLimitPerAddressPerMinute: 600,
      trustProxy: ['loopback', '10.0.0.0/8', '2001:db8::1'],
      corsOrigins: ['https://portal.example.org', 'http://localhost:5173'],
      smtpUrl: 'smtp://mail.example.org:587',
      notifyFrom: 'Recourse <notify@example.org>',
      tokens: { issuer: 'https://idp.example.org', audience: 'recourse', maxLifetimeSeconds: 3600 },
      metricsToken: 'scrape-me',
      http: { headersTimeoutMs: 2_500, requestTimeoutMs: 60_000 },
      mode: 'external',
      kek: KEK,
    });
    expect(config.kekFile).toBeUndefined();
  });

  it.each([
    ['PORT', { PORT: 'eighty' }, /PORT: expected an integer/],
    ['PORT', { PORT: '70000' }, /PORT/],
    ['WORKER_PORT', { WORKER_PORT: '3001x' }, /WORKER_PORT: expected an integer/],
    [
      'EVENTSTORE_URL',
      { EVENTSTORE_URL: 'http://esdb:2113' },
      /EVENTSTORE_URL: expected kurrentdb:\/\/… or/,
    ],
    ['SMTP_URL', { SMTP_URL: 'http://mail:25' }, /SMTP_URL: expected smtp:\/\/… or smtps:\/\/…/],
    [
      'DATABASE_URL',
      { DATABASE_URL: 'mysql://db/x' },
      /DATABASE_URL: expected postgres:\/\/… or postgresql:\/\/…/,
    ],
    ['DATABASE_URL', { DATABASE_URL: 'not a url' }, /DATABASE_URL: not a valid URL/],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }, /REDIS_URL/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /LOG_LEVEL: expected one of fatal, error, warn, info/],
    ['REQUEST_LOG_LEVEL', { REQUEST_LOG_LEVEL: 'loud' }, /REQUEST_LOG_LEVEL: expected one of/],
    ['LOG_FORMAT', { LOG_FORMAT: 'yaml' }, /LOG_FORMAT: expected one of json, pretty, got "yaml"/],
    ['IDEMPOTENCY_KEY_TTL', { IDEMPOTENCY_KEY_TTL: 'P1M' }, /IDEMPOTENCY_KEY_TTL/],
    ['IDEMPOTENCY_KEY_TTL', { IDEMPOTENCY_KEY_TTL: 'P2WD' }, /IDEMPOTENCY_KEY_TTL/],
    ['IDEMPOTENCY_KEY_TTL', { IDEMPOTENCY_KEY_TTL: '0' }, /IDEMPOTENCY_KEY_TTL/],
    ['AUTH_MAX_TOKEN_AGE', { AUTH_MAX_TOKEN_AGE: 'forever' }, /AUTH_MAX_TOKEN_AGE: expected/],
    ['HTTP_HEADERS_TIMEOUT', { HTTP_HEADERS_TIMEOUT: '0' }, /HTTP_HEADERS_TIMEOUT: expected/],
    ['HTTP_REQUEST_TIMEOUT', { HTTP_REQUEST_TIMEOUT: '5' }, /at least HTTP_HEADERS_TIMEOUT/],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '-1' }, /RATE_LIMIT_PER_MINUTE: expected/],
    ['RATE_LIMIT_PER_MINUTE', { RATE_LIMIT_PER_MINUTE: '10/s' }, /RATE_LIMIT_PER_MINUTE/],
    [
      'RATE_LIMIT_PER_ADDRESS_PER_MINUTE',
      { RATE_LIMIT_PER_ADDRESS_PER_MINUTE: 'lots' },
      /RATE_LIMIT_PER_ADDRESS_PER_MINUTE: expected/,
    ],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'https://portal.example.org/' }, /CORS_ORIGINS: expected \*/],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'portal.example.org' }, /"portal.example.org" is not one/],
    ['TRUST_PROXY', { TRUST_PROXY: 'yes' }, /TRUST_PROXY: expected true, a number.*"yes"/],
    ['TRUST_PROXY', { TRUST_PROXY: '10.0.0.0/33' }, /TRUST_PROXY.*"10.0.0.0\/33"/],
    ['TRUST_PROXY', { TRUST_PROXY: 'loopback,proxy.local' }, /TRUST_PROXY.*"proxy.local"/],
    ['AUTH_JWT_SECRET', { AUTH_JWT_SECRET: 'short' }, /AUTH_JWT_SECRET: must be at least 32/],
    [
      'RECOURSE_KEK',
      { RECOURSE_KEK: Buffer.alloc(16).toString('base64') },
      /RECOURSE_KEK: expected 32/,
    ],
    ['RECOURSE_KEK', { RECOURSE_KEK: 'not base64!' }, /RECOURSE_KEK: expected 32/],
    [
      'AUTH_JWT_PUBLIC_KEY',
      { AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: 'nope' },
      /AUTH_JWT_PUBLIC_KEY: expected an RSA/,
    ],
    ['AUTH_JWKS_URL', { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: 'keys.json' }, /not a valid URL/],
    [
      'AUTH_JWKS_URL',
      { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: 'ftp://idp.example.org/jwks' },
      /AUTH_JWKS_URL: expected https:\/\/… or http:\/\/…/,
    ],
    [
      'AUTH_JWKS_URL',
      { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: 'http://idp.example.org/jwks' },
      /AUTH_JWKS_URL: expected https:\/\/… \(http:\/\/… only for localhost\)/,
    ],
  ])('refuses a bad %s', (variable, env, message) => {
    const error = failure({ AUTH_JWT_SECRET: SECRET, ...env });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(message);
  });

  it('takes the TTL in hours when it is a plain number', () => {
    expect(load({ AUTH_JWT_SECRET: SECRET, IDEMPOTENCY_KEY_TTL: '48' }).idempotencyKeyTtlMs).toBe(
      48 * 3_600_000,
    );
    expect(load({ AUTH_JWT_SECRET: SECRET, IDEMPOTENCY_KEY_TTL: 'P2D' }).idempotencyKeyTtlMs).toBe(
      48 * 3_600_000,
    );
  });

  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['uniquelocal', ['uniquelocal']],
  ])('reads TRUST_PROXY=%s as Express takes it', (raw, expected) => {
    expect(load({ AUTH_JWT_SECRET: SECRET, TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it('refuses more than one source of JWT keys', () => {
    expect(failure({ AUTH_JWT_SECRET: SECRET, AUTH_JWT_PUBLIC_KEY: 'x' }).message).toMatch(
      /set one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY, not several/,
    );
    const error = failure({
      AUTH_JWT_PUBLIC_KEY: 'x',
      AUTH_JWKS_URL: 'https://idp.example.org/jwks',
    });
    expect(error.variable).toBe('AUTH_JWT_PUBLIC_KEY');
    expect(error.message).toMatch(/AUTH_JWT_PUBLIC_KEY, AUTH_JWKS_URL, not several/);
  });

  it('takes keys from a key set URL, in the clear only on this machine', () => {
    const remote = 'https://idp.example.org/.well-known/jwks.json';
    expect(load({ AUTH_JWKS_URL: remote }).auth).toEqual({
      algorithm: 'JWKS',
      jwksUrl: remote,
    });
    expect(load({ AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' }).auth).toEqual({
      algorithm: 'JWKS',
      jwksUrl: 'http://127.0.0.1:8080/jwks',
    });
  });

  it('accepts an RSA public key, also with escaped newlines', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const config = load({ AUTH_JWT_PUBLIC_KEY: pem.replace(/\n/g, '\\n') });
    expect(config.auth).toEqual({ algorithm: 'RS256', publicKey: pem });
  });

  it('refuses to start outside embedded mode without RECOURSE_KEK, naming it', () => {
    const error = failure({ AUTH_JWT_SECRET: SECRET, DATABASE_URL: 'postgres://db/x' });
    expect(error.variable).toBe('RECOURSE_KEK');
    expect(error.message).toMatch(/RECOURSE_KEK: required when DATABASE_URL or EVENTSTORE_URL/);
  });

  it('generates a key-encryption key in embedded mode, 0600, and reuses it', () => {
    const first = load({ AUTH_JWT_SECRET: SECRET });
    const file = join(dataDir, 'dev-kek');
    expect(first.kekFile).toBe(file);
    expect(Buffer.from(first.kek, 'base64')).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(load({ AUTH_JWT_SECRET: SECRET }).kek).toBe(first.kek);
  });

  it('requires a key outside embedded mode', () => {
    expect(failure({ DATABASE_URL: 'postgres://db/x' }).message).toMatch(
      /AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is required/,
    );
  });

  it('generates a dev secret in embedded mode, 0600, and reuses it', () => {
    const first = load({}).auth;
    const file = join(dataDir, 'dev-jwt-secret');
    expect(first).toEqual({ algorithm: 'HS256', secret: expect.any(String), devSecretFile: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe((first as { secret: string }).secret);
    expect(load({}).auth).toEqual(first);
  });
});

describe('loadPolicyFile', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'recourse-policy-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (content: string) => {
    const path = join(dir, 'policy.json');
    writeFileSync(path, content);
    return path;
  };

  it('loads a valid policy, versioned by its content hash', () => {
    const { examplePolicyJson } = jest.requireActual('@recourse/domain');
    const text = JSON.stringify({ ...examplePolicyJson, version: 'declared' });
    const policy = loadPolicyFile(write(text));
    expect(policy.version).toBe(createHash('sha256').update(text).digest('hex').slice(0, 12));
    expect(policy.authorities.length).toBeGreaterThan(0);
  });

  it('names the offending field of an invalid policy', () => {
    const { examplePolicyJson } = jest.requireActual('@recourse/domain');
    const broken = { ...examplePolicyJson, petition: { supportThreshold: 'lots' } };
    expect(() => loadPolicyFile(write(JSON.stringify(broken)))).toThrow(
      /RECOURSE_POLICY: .*supportThreshold/,
    );
  });

  it('refuses a file that is not JSON, or missing', () => {
    expect(() => loadPolicyFile(write('{ nope'))).toThrow(/RECOURSE_POLICY: .* is not valid JSON/);
    expect(() => loadPolicyFile(join(dir, 'missing.json'))).toThrow(/RECOURSE_POLICY: cannot read/);
  });
});

describe('chooseLogFormat', () => {
  it('writes readable lines to a terminal and JSON lines to anything else', () => {
    expect(chooseLogFormat({}, true)).toBe('pretty');
    expect(chooseLogFormat({}, false)).toBe('json');
    expect(chooseLogFormat({ LOG_FORMAT: ' ' }, true)).toBe('pretty');
  });

  it('follows LOG_FORMAT whatever the output is', () => {
    expect(chooseLogFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(chooseLogFormat({ LOG_FORMAT: 'Pretty' }, false)).toBe('pretty');
  });
});
