import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEV_SECRET_FILE = 'dev-jwt-secret';

/**
 * Embedded mode without AUTH_JWT_SECRET: a random secret kept under the data directory (0600),
 * so that tokens minted with `npm run token` keep working across restarts.
 */
export function loadOrCreateDevSecret(dataDir: string): { secret: string; file: string } {
  const file = join(dataDir, DEV_SECRET_FILE);
  try {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret) return { secret, file };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode above is ignored when the file already existed (empty)
  return { secret, file };
}
