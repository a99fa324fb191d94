import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

export const CORRELATION_HEADER = 'X-Correlation-Id';

/** A caller's id is kept only when it is short and plain, so it cannot inject into logs or headers. */
const SAFE_CORRELATION_ID = /^[\w.:-]{1,128}$/;

/**
 * The request's correlation id: the caller's X-Correlation-Id, or a new UUID. It is echoed in
 * the response header and becomes pino-http's request id (`req.id`).
 */
export function assignCorrelationId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[CORRELATION_HEADER.toLowerCase()];
  const id = typeof given === 'string' && SAFE_CORRELATION_ID.test(given) ? given : randomUUID();
  res.setHeader(CORRELATION_HEADER, id);
  return id;
}

/** the id pino-http gave the request; undefined outside an HTTP request */
export function correlationIdOf(req: unknown): string | undefined {
  const id = (req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** Injects the request's correlation id (for event metadata, outgoing calls, …). */
export const CorrelationId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string =>
    correlationIdOf(context.switchToHttp().getRequest()) ?? randomUUID(),
);
