import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Server } from 'node:http';
import type { RecourseConfig } from '@recourse/config';

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/** How often the server looks for connections past their timeouts (Node's default: 30 s). */
const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * What every answer and connection gets before any route runs: helmet's headers (nosniff, frame
 * protection, a same-origin CSP, HSTS, …); `Cache-Control: no-store`, because nearly every
 * answer carries personal data (a route whose answer is public may set its own); and server
 * timeouts, so a client that trickles its headers or body is cut off (408) instead of holding a
 * connection open.
 */
export function applyTransportSecurity(app: NestExpressApplication, config: RecourseConfig): void {
  app.use(
    helmet({
      contentSecurityPolicy: {
        // TLS ends at the proxy in front of Recourse (TRUST_PROXY); over plain HTTP on any host
        // but localhost, upgrade-insecure-requests would send Swagger UI's and Bull Board's own
        // scripts to an https:// that does not answer, and the pages would load blank
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  app.use((_request: unknown, response: HttpResponse, next: () => void) => {
    response.setHeader('Cache-Control', 'no-store');
    next();
  });
  const server = app.getHttpServer() as Server & { connectionsCheckingInterval: number };
  server.headersTimeout = config.http.headersTimeoutMs;
  server.requestTimeout = config.http.requestTimeoutMs;
  // read when the server starts listening
  server.connectionsCheckingInterval = Math.min(
    TIMEOUT_CHECK_INTERVAL_MS,
    config.http.headersTimeoutMs,
  );
}
