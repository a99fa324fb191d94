import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { DEV_LOG_KEY_FILE, transparencyLogConfig } from './transparency-log';

describe('transparency log configuration', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'recourse-log-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const ed25519Pem = () =>
    generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  it('defaults: origin recourse.local/log, PT10S, and in embedded mode a kept generated key', () => {
    const first = transparencyLogConfig({}, 'embedded', dataDir);
    expect(first.origin).toBe('recourse.local/log');
    expect(first.checkpointIntervalMs).toBe(10_000);
    expect(first.devKeyFile).toBe(join(dataDir, DEV_LOG_KEY_FILE));
    expect(createPrivateKey(first.signingKey!).asymmetricKeyType).toBe('ed25519');
    expect(statSync(first.devKeyFile!).mode & 0o777).toBe(0o600);
    expect(transparencyLogConfig({}, 'embedded', dataDir).signingKey).toBe(first.signingKey);
  });

  it('takes the key, origin and interval given (escaped newlines too), and generates nothing', () => {
    const pem = ed25519Pem();
    const config = transparencyLogConfig(
      {
        RECOURSE_LOG_SIGNING_KEY: pem.replace(/\n/g, '\\n'),
        RECOURSE_LOG_ORIGIN: 'oversight.example.org/recourse',
        RECOURSE_CHECKPOINT_INTERVAL: 'pt1m',
      },
      'external',
      dataDir,
    );
    expect(config).toEqual({
      origin: 'oversight.example.org/recourse',
      signingKey: pem,
      checkpointIntervalMs: 60_000,
    });
    expect(() => readFileSync(join(dataDir, DEV_LOG_KEY_FILE))).toThrow();
  });

  it('outside embedded mode, no key is generated (a signing process refuses to start)', () => {
    expect(transparencyLogConfig({}, 'external', dataDir).signingKey).toBeUndefined();
  });

  it.each([
    [{ RECOURSE_LOG_SIGNING_KEY: 'not a key' }, 'RECOURSE_LOG_SIGNING_KEY'],
    [
      {
        RECOURSE_LOG_SIGNING_KEY: generateKeyPairSync('ec', { namedCurve: 'P-256' })
          .privateKey.export({ format: 'pem', type: 'pkcs8' })
          .toString(),
      },
      'RECOURSE_LOG_SIGNING_KEY',
    ],
    [{ RECOURSE_LOG_ORIGIN: 'has space' }, 'RECOURSE_LOG_ORIGIN'],
    [{ RECOURSE_LOG_ORIGIN: 'a+b' }, 'RECOURSE_LOG_ORIGIN'],
    [{ RECOURSE_CHECKPOINT_INTERVAL: 'P15WD' }, 'RECOURSE_CHECKPOINT_INTERVAL'],
    [{ RECOURSE_CHECKPOINT_INTERVAL: '10' }, 'RECOURSE_CHECKPOINT_INTERVAL'],
  ])('refuses %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      transparencyLogConfig(env, 'embedded', dataDir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
  });
});
