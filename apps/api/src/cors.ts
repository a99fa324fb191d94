import type { NestExpressApplication } from '@nestjs/platform-express';
import type { RecourseConfig } from '@recourse/config';
import { CORRELATION_HEADER } from '@recourse/observability';
import { READ_MODEL_POSITION_HEADER, STALE_HEADER } from './queries/min-position.interceptor';

/** What a page may send: the headers of the HTTP contract (DESIGN.md) a browser does not allow by default. */
const ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  'If-Match',
  'If-None-Match',
  'X-Min-Position',
  CORRELATION_HEADER,
];

/** What a page may read besides the CORS-safelisted response headers. */
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
  CORRELATION_HEADER,
  READ_MODEL_POSITION_HEADER,
  STALE_HEADER,
];

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS for CORS_ORIGINS, before every guard, so a preflight (which carries no token) is answered
 * 204 and never rate-limited or refused as unauthenticated. Tokens travel in Authorization, not
 * cookies, so no credentials mode.
 */
export function applyCors(app: NestExpressApplication, config: RecourseConfig): void {
  if (config.corsOrigins.length === 0) return;
  app.enableCors({
    origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_S,
  });
}
