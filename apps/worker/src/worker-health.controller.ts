import { Controller, Get } from '@nestjs/common';
import { notReady, Readiness, withoutDetails, type ReadinessReport } from '@recourse/http-edge';

/**
 * GET /health on WORKER_PORT: 200 while every store the worker uses answers (database, event
 * store, and Redis when it runs the queues), else 503 problem+json naming the ones that do not.
 */
@Controller('health')
export class WorkerHealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get()
  async health(): Promise<ReadinessReport> {
    const report = withoutDetails(await this.readiness.check());
    if (!report.ready) throw notReady(report);
    return report;
  }
}
