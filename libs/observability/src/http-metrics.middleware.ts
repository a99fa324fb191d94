import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Metrics } from './metrics';

interface RoutedRequest extends IncomingMessage {
  baseUrl?: string;
  route?: { path?: string };
}

const LABELS = ['method', 'route', 'status'] as const;

/** Counts and times every HTTP request by route pattern (never the raw URL: ids would explode the series). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly requests;
  private readonly duration;

  constructor(metrics: Metrics) {
    this.requests = metrics.counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: LABELS,
    });
    this.duration = metrics.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route pattern and status',
      labelNames: LABELS,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  use(req: RoutedRequest, res: ServerResponse, next: () => void): void {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const labels = {
        method: req.method ?? 'UNKNOWN',
        route: routeOf(req),
        status: String(res.statusCode),
      };
      this.requests.inc(labels);
      this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  }
}

/** Nest answers unknown paths from a catch-all route; those are all one series */
const CATCH_ALL = /^\/?(\*|\{\*\w+\})$/;

function routeOf(req: RoutedRequest): string {
  const pattern = req.route?.path;
  if (typeof pattern !== 'string' || CATCH_ALL.test(pattern)) return 'unmatched';
  return `${req.baseUrl ?? ''}${pattern}`;
}
