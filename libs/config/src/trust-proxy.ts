import { isIP } from 'node:net';
import { ConfigError } from './config-error';
import { value, type Env } from './env';

/**
 * TRUST_PROXY, in the forms Express's `trust proxy` setting takes: `true` (trust every hop: only
 * when nothing reaches the api except through the proxy), a number of hops, or a comma-separated
 * list of addresses, CIDR ranges and the names loopback, linklocal, uniquelocal. Unset: false,
 * the client address is the socket's peer.
 */
export type TrustProxy = boolean | number | string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

export function trustProxy(env: Env): TrustProxy {
  const raw = value(env, 'TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isTrustedProxyEntry(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      'TRUST_PROXY',
      `expected true, a number of hops, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal; "${bad}" is none of these`,
    );
  }
  return entries;
}

function isTrustedProxyEntry(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
