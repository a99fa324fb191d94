import { isConnectionError } from '@recourse/database';
import { StoreUnavailable } from './errors';

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
