import { StoreUnavailable } from './errors';

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);
const CONNECTION_ERROR_MESSAGES =
  /connection terminated|connection error|timeout exceeded when trying to connect|pglite is closed/i;

/** true when the error says the store cannot be reached, rather than that the request was wrong */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08')))
    return true;
  return typeof message === 'string' && CONNECTION_ERROR_MESSAGES.test(message);
}

/** rethrows connection failures as StoreUnavailable, anything else as it is */
export function asStoreError(error: unknown, doing: string): unknown {
  if (error instanceof StoreUnavailable || !isConnectionError(error)) return error;
  return new StoreUnavailable(
    `event store unavailable while ${doing}: ${(error as Error).message}`,
    {
      cause: error,
    },
  );
}

/** a failure that can only mean the store is out of reach (a ping, a connection error) */
export function unavailable(error: unknown): StoreUnavailable {
  return new StoreUnavailable(`event store unavailable: ${(error as Error).message}`, {
    cause: error,
  });
}
