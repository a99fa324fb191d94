import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';

/** What this needs of Express's request (its `is` reads the Content-Type as type-is does). */
interface TypedRequest {
  headers: IncomingHttpHeaders;
  is(types: string[]): string | false | null;
}

/**
 * A body that is not JSON is refused with 415. The JSON parser passes such a body by unread, so
 * without this a `text/plain` filing would be validated as an empty object and answered 400 for
 * fields the client did send. A request without a body (most GETs, bodiless POSTs) passes.
 */
export function refuseNonJsonBody(req: TypedRequest, _res: unknown, next: () => void): void {
  const empty = req.headers['content-length'] === '0' && !req.headers['transfer-encoding'];
  // is(): null without a body, false for a body of another type
  if (!empty && req.is(['application/json', 'application/*+json']) === false) {
    throw new UnsupportedMediaTypeException(
      `the body must be application/json, not ${req.headers['content-type'] ?? 'untyped'}`,
    );
  }
  next();
}
