import { Controller, Get, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@recourse/auth';
import { problemType } from '../problem-details';
import { Readiness, type ReadinessReport } from './readiness';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** the process is running */
  @Get('live')
  @ApiOkResponse({ description: 'The process is alive' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** every store this process uses answers */
  @Get('ready')
  @ApiOkResponse({ description: 'Every store answers' })
  @ApiServiceUnavailableResponse({
    description: 'A store does not answer (problem+json with checks)',
  })
  async ready(): Promise<ReadinessReport> {
    const report = await this.readiness.check();
    if (!report.ready) {
      throw new ServiceUnavailableException({
        type: problemType('not-ready'),
        title: 'Not ready',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail: `Unavailable: ${Object.keys(report.checks)
          .filter((name) => report.checks[name].status === 'down')
          .join(', ')}`,
        checks: report.checks,
      });
    }
    return report;
  }
}
