import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_SECRET_FILE = 'dev-jwt-secret';

/**
 * Embedded mode without AUTH_JWT_SECRET: a random secret kept under the data directory (0600),
 * so that tokens minted with `npm run token` keep working across restarts.
 */
export function loadOrCreateDevSecret(dataDir: string): { secret: string; file: string } {
  return loadOrCreateSecretFile(dataDir, DEV_SECRET_FILE, () =>
    randomBytes(32).toString('base64url'),
  );
}

/** A secret kept in `<dataDir>/<name>` (0600), made by `create` the first time. */
export function loadOrCreateSecretFile(
  dataDir: string,
  name: string,
  create: () => string,
): { secret: string; file: string } {
  const file = join(dataDir, name);
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret) return { secret, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = create();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode above is ignored when the file already existed (empty)
  return { secret, file };
}
