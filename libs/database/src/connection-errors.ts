const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown (pg_terminate_backend, a fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
]);
const CONNECTION_ERROR_MESSAGES =
  /connection terminated|connection error|timeout exceeded when trying to connect|pglite is closed|client has encountered a connection error|connection is closed|not queryable|MaxRetriesPerRequest|Stream isn't writeable/i;

/**
 * True when the error says a store (PostgreSQL, Redis) cannot be reached right now, rather than
 * that the request was wrong: what a client may retry after a while. Looks through `cause`.
 */
export function isConnectionError(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CONNECTION_ERROR_CODES.has(code) || code.startsWith('08')))
      return true;
    if (typeof message === 'string' && CONNECTION_ERROR_MESSAGES.test(message)) return true;
  }
  return false;
}
