import { ConfigError } from './config-error';
import { value, type Env } from './env';

/**
 * CORS_ORIGINS: the browser origins (scheme://host[:port], comma-separated) whose pages may call
 * the API, or `*` for any. Unset: none (no CORS headers; browsers keep other sites' pages out).
 */
export function corsOrigins(env: Env): string[] {
  const raw = value(env, 'CORS_ORIGINS');
  if (raw === undefined) return [];
  const origins = raw.split(',').map((entry) => entry.trim());
  const bad = origins.find((origin) => origin !== '*' && !isOrigin(origin));
  if (bad !== undefined) {
    throw new ConfigError(
      'CORS_ORIGINS',
      `expected * or origins like https://portal.example.org (no path, no trailing slash); "${bad}" is not one`,
    );
  }
  return origins;
}

function isOrigin(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === candidate;
  } catch {
    return false;
  }
}
