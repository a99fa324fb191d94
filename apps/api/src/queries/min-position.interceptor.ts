import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import { parsePosition, positionToString, type Position } from '@recourse/event-store';
import { ReadModelPosition } from './read-model-position';

interface HttpRequest {
  headers: Record<string, string | string[] | undefined>;
}
interface HttpResponse {
  setHeader(name: string, value: string): void;
}

export const MIN_POSITION_HEADER = 'x-min-position';
/** Set when X-Min-Position was not reached in time: the answer may miss the caller's write. */
export const STALE_HEADER = 'X-Read-Model-Stale';
export const READ_MODEL_POSITION_HEADER = 'X-Read-Model-Position';

/**
 * `X-Min-Position: <commit>-<prepare>` (the `position` a command answered with) makes a query wait,
 * at most 5 s, until the read models have caught up to it. Past that it answers anyway, with
 * `X-Read-Model-Stale: true` and the position it did reach — a slow projection degrades freshness,
 * not availability. A malformed header is a 400.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(private readonly readModels: ReadModelPosition) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const header = http.getRequest<HttpRequest>().headers[MIN_POSITION_HEADER];
    if (header === undefined) return next.handle();
    const wanted = parseHeader(header);
    const response = http.getResponse<HttpResponse>();
    return from(this.readModels.waitFor(wanted)).pipe(
      switchMap(({ reached, position }) => {
        if (position) response.setHeader(READ_MODEL_POSITION_HEADER, positionToString(position));
        if (!reached) response.setHeader(STALE_HEADER, 'true');
        return next.handle();
      }),
    );
  }
}

function parseHeader(header: string | string[]): Position {
  try {
    if (Array.isArray(header)) throw new Error('sent more than once');
    return parsePosition(header.trim());
  } catch (error) {
    throw new BadRequestException(`X-Min-Position: ${(error as Error).message}`);
  }
}
