import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { durationMs, value, type Env } from './env';

/** How the worker signs checkpoints of the transparency log (DESIGN.md, "Transparency log"). */
export interface TransparencyLogConfig {
  /** RECOURSE_LOG_ORIGIN: the log's name, first line of every checkpoint and the key's name */
  origin: string;
  /**
   * RECOURSE_LOG_SIGNING_KEY: Ed25519 private key (PEM). Absent only outside embedded mode: a
   * process that signs then refuses to start; the API alone does not need it.
   */
  signingKey?: string;
  /** set when the key was generated for embedded mode */
  devKeyFile?: string;
  /** RECOURSE_CHECKPOINT_INTERVAL: at most one checkpoint per interval */
  checkpointIntervalMs: number;
}

export const DEV_LOG_KEY_FILE = 'dev-log-signing-key.pem';
const DEFAULT_ORIGIN = 'recourse.local/log';
const DEFAULT_INTERVAL_MS = 10_000;

export function transparencyLogConfig(
  env: Env,
  mode: 'embedded' | 'external',
  dataDir: string,
): TransparencyLogConfig {
  const origin = value(env, 'RECOURSE_LOG_ORIGIN') ?? DEFAULT_ORIGIN;
  // a C2SP note key name: the origin names the signing key too
  if (!/^[^\s+]+$/u.test(origin)) {
    throw new ConfigError(
      'RECOURSE_LOG_ORIGIN',
      `"${origin}" cannot name a log: no spaces or '+' (e.g. example.org/recourse)`,
    );
  }
  const checkpointIntervalMs = interval(value(env, 'RECOURSE_CHECKPOINT_INTERVAL'));
  const given = value(env, 'RECOURSE_LOG_SIGNING_KEY');
  if (given) return { origin, signingKey: ed25519Pem(given), checkpointIntervalMs };
  if (mode === 'external') return { origin, checkpointIntervalMs };
  const dev = loadOrCreateDevLogKey(dataDir);
  return { origin, signingKey: dev.pem, devKeyFile: dev.file, checkpointIntervalMs };
}

function interval(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_INTERVAL_MS;
  const ms = durationMs(raw.toUpperCase());
  if (ms !== undefined && ms > 0) return ms;
  throw new ConfigError(
    'RECOURSE_CHECKPOINT_INTERVAL',
    `expected a positive ISO 8601 duration (PT10S, PT1M), got "${raw}"`,
  );
}

/** accepts a PEM with real or escaped (\n) newlines, as env files often carry it */
function ed25519Pem(raw: string): string {
  const pem = raw.replace(/\\n/g, '\n');
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch (error) {
    throw new ConfigError(
      'RECOURSE_LOG_SIGNING_KEY',
      `not a private key in PEM: ${(error as Error).message}`,
    );
  }
  if (type !== 'ed25519') {
    throw new ConfigError(
      'RECOURSE_LOG_SIGNING_KEY',
      `expected an Ed25519 private key, got ${type}`,
    );
  }
  return pem;
}

/** Embedded mode: a key generated once and kept under the data directory (0600). */
function loadOrCreateDevLogKey(dataDir: string): { pem: string; file: string } {
  const file = join(dataDir, DEV_LOG_KEY_FILE);
  try {
    return { pem: ed25519Pem(readFileSync(file, 'utf8')), file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  writeFileSync(file, pem, { mode: 0o600 });
  chmodSync(file, 0o600);
  return { pem, file };
}
