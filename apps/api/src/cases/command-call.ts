import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { idempotentRequestIdOf, type RequestWithIdempotency } from '@recourse/commands';
import { correlationIdOf } from '@recourse/observability';
import { randomUUID } from 'node:crypto';

/** What a command request carries besides its body and its caller. */
export interface CommandCall {
  correlationId: string;
  /** the If-Match revision; undefined when absent or `*` */
  ifMatch?: number;
  /**
   * set when the request came with an Idempotency-Key: the id of its claim, the same for every
   * retry of the request, from which the ids the request generates are derived
   */
  requestId?: string;
}

interface HttpRequest extends RequestWithIdempotency {
  headers: Record<string, string | string[] | undefined>;
}

/** `"3"`, `W/"3"` or a bare `3` (lenient), as sent back from our ETag: "<revision>". */
const REVISION_ETAG = /^(?:W\/)?"?(\d{1,15})"?$/;

export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header.join(',') : header).trim();
  if (raw === '*') return undefined;
  const revision = REVISION_ETAG.exec(raw)?.[1];
  if (revision === undefined) {
    throw new BadRequestException(
      'If-Match must be one ETag of this API: "<revision>" (a non-negative integer in quotes)',
    );
  }
  return Number(revision);
}

export const Call = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CommandCall => {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    return {
      correlationId: correlationIdOf(request) ?? randomUUID(),
      ifMatch: parseIfMatch(request.headers['if-match']),
      requestId: idempotentRequestIdOf(request),
    };
  },
);
