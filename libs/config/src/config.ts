import { createPublicKey, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError } from './config-error';
import { durationMs, value, type Env } from './env';
import { loadOrCreateDevSecret, loadOrCreateSecretFile } from './dev-secret';
import { transparencyLogConfig, type TransparencyLogConfig } from './transparency-log';
import { corsOrigins } from './cors-origins';
import { trustProxy, type TrustProxy } from './trust-proxy';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** How incoming JWTs are verified; the algorithm is pinned by the kind of key. */
export type JwtKeyConfig =
  | {
      algorithm: 'HS256';
      secret: string;
      /** set when the secret was generated for embedded mode (no AUTH_JWT_SECRET given) */
      devSecretFile?: string;
    }
  | { algorithm: 'RS256'; publicKey: string }
  /** the identity provider's JSON Web Key Set, fetched and cached: RS256 or ES256, key by `kid` */
  | { algorithm: 'JWKS'; jwksUrl: string };

/** What a token must satisfy besides its signature and expiry. */
export interface TokenRules {
  /** AUTH_JWT_ISSUER: the `iss` every token must carry; any when unset */
  issuer?: string;
  /** AUTH_JWT_AUDIENCE: a value every token's `aud` must hold; any when unset */
  audience?: string;
  /** AUTH_MAX_TOKEN_AGE: the longest lifetime (exp − iat) a token may claim, in seconds */
  maxLifetimeSeconds: number;
}

/** The validated environment. Every process (api, worker, tools) reads the same one. */
export interface RecourseConfig {
  port: number;
  /** WORKER_PORT: where a worker process (npm run start:worker) serves /health and /metrics */
  workerPort: number;
  /** absolute directory of the embedded stores (PGlite) and the dev JWT secret */
  dataDir: string;
  /** absolute path of the policy file; undefined → the built-in example policy */
  policyPath?: string;
  auth: JwtKeyConfig;
  tokens: TokenRules;
  /** how long a client may take to send its request headers, and its whole request */
  http: { headersTimeoutMs: number; requestTimeoutMs: number };
  /** METRICS_TOKEN: when set, GET /metrics needs `Authorization: Bearer <it>` */
  metricsToken?: string;
  eventStoreUrl?: string;
  databaseUrl?: string;
  redisUrl?: string;
  logLevel: LogLevel;
  /** LOG_FORMAT, else pretty when stdout is a terminal and JSON lines when it is not */
  logFormat: LogFormat;
  /** the level of the one line per HTTP request (5xx are always errors); `debug` by default */
  requestLogLevel: LogLevel;
  idempotencyKeyTtlMs: number;
  /** RATE_LIMIT_PER_MINUTE: requests per minute per caller (token sub); 0: no limit */
  rateLimitPerMinute: number;
  /** RATE_LIMIT_PER_ADDRESS_PER_MINUTE: per client address, before authentication; 0: no limit */
  rateLimitPerAddressPerMinute: number;
  /** which proxies may tell the client address (X-Forwarded-For) */
  trustProxy: TrustProxy;
  /** browser origins allowed to call the API (CORS); empty: none */
  corsOrigins: string[];
  /** smtp(s)://… : notifications also go out by e-mail; without it they stay in the inbox */
  smtpUrl?: string;
  /** the From of notification e-mails */
  notifyFrom: string;
  /** embedded: PGlite under dataDir; external: DATABASE_URL and/or EVENTSTORE_URL */
  mode: 'embedded' | 'external';
  /** origin, signing key and interval of the signed checkpoints */
  transparencyLog: TransparencyLogConfig;
  /** RECOURSE_KEK, base64 of 32 bytes: wraps the citizens' data keys */
  kek: string;
  /** set when the KEK was generated for embedded mode (no RECOURSE_KEK given) */
  kekFile?: string;
}

const HOUR_MS = 3_600_000;
const DEFAULT_NOTIFY_FROM = 'Recourse <no-reply@recourse.invalid>';
const MIN_SECRET_LENGTH = 32;

/** Reads and validates the environment; a bad value throws ConfigError naming the variable. */
export function loadConfig(env: Env = process.env): RecourseConfig {
  const dataDir = resolve(value(env, 'RECOURSE_DATA_DIR') ?? './data');
  const policyPath = value(env, 'RECOURSE_POLICY');
  const eventStoreUrl = url(env, 'EVENTSTORE_URL', [
    'kurrentdb:',
    'kurrentdb+discover:',
    'esdb:',
    'esdb+discover:',
  ]);
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const redisUrl = url(env, 'REDIS_URL', ['redis:', 'rediss:']);
  const mode = databaseUrl || eventStoreUrl ? 'external' : 'embedded';
  return {
    port: port(env, 'PORT', 3000),
    workerPort: port(env, 'WORKER_PORT', 3001),
    dataDir,
    policyPath: policyPath === undefined ? undefined : resolve(policyPath),
    auth: jwtKey(env, mode, dataDir),
    tokens: {
      issuer: value(env, 'AUTH_JWT_ISSUER'),
      audience: value(env, 'AUTH_JWT_AUDIENCE'),
      maxLifetimeSeconds: durationOrHours(env, 'AUTH_MAX_TOKEN_AGE', 24 * HOUR_MS) / 1000,
    },
    metricsToken: value(env, 'METRICS_TOKEN'),
    http: httpTimeouts(env),
    eventStoreUrl,
    databaseUrl,
    redisUrl,
    logLevel: logLevel(env, 'LOG_LEVEL', 'info'),
    logFormat: chooseLogFormat(env, process.stdout.isTTY === true),
    requestLogLevel: logLevel(env, 'REQUEST_LOG_LEVEL', 'debug'),
    idempotencyKeyTtlMs: durationOrHours(env, 'IDEMPOTENCY_KEY_TTL', 24 * HOUR_MS),
    rateLimitPerMinute: requestsPerMinute(env, 'RATE_LIMIT_PER_MINUTE', 300),
    rateLimitPerAddressPerMinute: requestsPerMinute(env, 'RATE_LIMIT_PER_ADDRESS_PER_MINUTE', 3000),
    trustProxy: trustProxy(env),
    corsOrigins: corsOrigins(env),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    notifyFrom: value(env, 'NOTIFY_FROM') ?? DEFAULT_NOTIFY_FROM,
    mode,
    transparencyLog: transparencyLogConfig(env, mode, dataDir),
    ...keyEncryptionKey(env, mode, dataDir),
  };
}

function port(env: Env, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!/^\d+$/.test(raw) || parsed > 65535) {
    throw new ConfigError(name, `expected an integer from 0 to 65535, got "${raw}"`);
  }
  return parsed;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    const expected = protocols.map((p) => `${p}//…`).join(' or ');
    throw new ConfigError(name, `expected ${expected}, got ${parsed.protocol}//…`);
  }
  return raw;
}

function logLevel(env: Env, name: string, fallback: LogLevel): LogLevel {
  const raw = value(env, name)?.toLowerCase() ?? fallback;
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  }
  return raw as LogLevel;
}

/**
 * LOG_FORMAT when set; otherwise readable lines for a person at a terminal and JSON lines for
 * whatever collects a redirected or containerised process's output.
 */
export function chooseLogFormat(env: Env, stdoutIsTTY: boolean): LogFormat {
  const raw = value(env, 'LOG_FORMAT')?.toLowerCase();
  if (raw === undefined) return stdoutIsTTY ? 'pretty' : 'json';
  if (!(LOG_FORMATS as readonly string[]).includes(raw)) {
    throw new ConfigError('LOG_FORMAT', `expected one of ${LOG_FORMATS.join(', ')}, got "${raw}"`);
  }
  return raw as LogFormat;
}

/** an ISO 8601 duration (PT24H, P1D) or a plain number of hours, in ms */
function durationOrHours(env: Env, name: string, fallbackMs: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallbackMs;
  const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * HOUR_MS : durationMs(raw.toUpperCase());
  if (ms === undefined || ms <= 0) {
    throw new ConfigError(
      name,
      `expected a positive ISO 8601 duration (PT24H, P1D) or a number of hours, got "${raw}"`,
    );
  }
  return ms;
}

function httpTimeouts(env: Env): RecourseConfig['http'] {
  const headersTimeoutMs = seconds(env, 'HTTP_HEADERS_TIMEOUT', 10);
  const requestTimeoutMs = seconds(env, 'HTTP_REQUEST_TIMEOUT', 30);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError('HTTP_REQUEST_TIMEOUT', 'must be at least HTTP_HEADERS_TIMEOUT');
  }
  return { headersTimeoutMs, requestTimeoutMs };
}

/** a positive number of seconds (fractions allowed), in ms */
function seconds(env: Env, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback * 1000;
  if (!/^\d{1,6}(\.\d{1,3})?$/.test(raw) || Number(raw) === 0) {
    throw new ConfigError(name, `expected a positive number of seconds, got "${raw}"`);
  }
  return Math.round(Number(raw) * 1000);
}

function requestsPerMinute(env: Env, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new ConfigError(
      name,
      `expected a whole number of requests per minute (0 disables the limit), got "${raw}"`,
    );
  }
  return Number(raw);
}

const JWT_KEY_VARIABLES = ['AUTH_JWT_SECRET', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWKS_URL'];

function jwtKey(env: Env, mode: RecourseConfig['mode'], dataDir: string): JwtKeyConfig {
  const given = JWT_KEY_VARIABLES.filter((name) => value(env, name) !== undefined);
  if (given.length > 1) {
    throw new ConfigError(given[0], `set one of ${given.join(', ')}, not several`);
  }
  const secret = value(env, 'AUTH_JWT_SECRET');
  const publicKey = value(env, 'AUTH_JWT_PUBLIC_KEY');
  const jwksUrl = keySetUrl(env);
  if (secret) {
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new ConfigError(
        'AUTH_JWT_SECRET',
        `must be at least ${MIN_SECRET_LENGTH} characters (HS256 needs 256 bits)`,
      );
    }
    return { algorithm: 'HS256', secret };
  }
  if (publicKey) return { algorithm: 'RS256', publicKey: rsaPublicKey(publicKey) };
  if (jwksUrl) return { algorithm: 'JWKS', jwksUrl };
  if (mode === 'external') {
    // several stateless processes must agree on one key: a per-disk generated secret cannot do that
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL is required when DATABASE_URL or EVENTSTORE_URL is set',
    );
  }
  const dev = loadOrCreateDevSecret(dataDir);
  return { algorithm: 'HS256', secret: dev.secret, devSecretFile: dev.file };
}

const KEK_BYTES = 32;
export const DEV_KEK_FILE = 'dev-kek';

function keyEncryptionKey(
  env: Env,
  mode: RecourseConfig['mode'],
  dataDir: string,
): Pick<RecourseConfig, 'kek' | 'kekFile'> {
  const raw = value(env, 'RECOURSE_KEK');
  if (raw !== undefined) {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || Buffer.from(raw, 'base64').length !== KEK_BYTES) {
      throw new ConfigError(
        'RECOURSE_KEK',
        `expected ${KEK_BYTES} random bytes in base64 (openssl rand -base64 32)`,
      );
    }
    return { kek: raw };
  }
  if (mode === 'external') {
    // every process must wrap and unwrap data keys with the same key; a lost KEK loses all
    throw new ConfigError(
      'RECOURSE_KEK',
      'required when DATABASE_URL or EVENTSTORE_URL is set: 32 random bytes in base64 (openssl rand -base64 32); keep it apart from the database',
    );
  }
  const dev = loadOrCreateSecretFile(dataDir, DEV_KEK_FILE, () =>
    randomBytes(KEK_BYTES).toString('base64'),
  );
  return { kek: dev.secret, kekFile: dev.file };
}

/** accepts a PEM with real or escaped (\n) newlines, as env files often carry it */
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** https://…, or http://… on this machine only: a key set sent in the clear could be swapped */
function keySetUrl(env: Env): string | undefined {
  const raw = url(env, 'AUTH_JWKS_URL', ['https:', 'http:']);
  if (raw !== undefined) {
    const { protocol, hostname } = new URL(raw);
    if (protocol === 'http:' && !LOOPBACK_HOSTS.includes(hostname)) {
      throw new ConfigError('AUTH_JWKS_URL', 'expected https://… (http://… only for localhost)');
    }
  }
  return raw;
}

function rsaPublicKey(raw: string): string {
  const pem = raw.replace(/\\n/g, '\n');
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error(`${key.asymmetricKeyType} key`);
  } catch (error) {
    throw new ConfigError(
      'AUTH_JWT_PUBLIC_KEY',
      `expected an RSA public key in PEM (SPKI) form: ${(error as Error).message}`,
    );
  }
  return pem;
}
