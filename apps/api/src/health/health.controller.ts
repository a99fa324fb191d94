import { Controller, Get, Headers, Inject } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { createTokenVerifier, Public, type TokenVerifier } from '@recourse/auth';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG } from '@recourse/infrastructure';
import { CheckDto, LiveDto, ReadinessDto } from '@recourse/contracts';
import { notReady, Readiness, withoutDetails, type ReadinessReport } from '@recourse/http-edge';

@ApiTags('health')
@ApiExtraModels(CheckDto)
@Public()
@Controller('health')
export class HealthController {
  private readonly verify: TokenVerifier;

  constructor(
    private readonly readiness: Readiness,
    @Inject(CONFIG) config: RecourseConfig,
  ) {
    this.verify = createTokenVerifier(config.auth, config.tokens);
  }

  /** the process is running */
  @Get('live')
  @ApiOperation({ summary: 'liveness: the process is running' })
  @ApiOkResponse({ type: LiveDto, description: 'The process is alive' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** every store this process needs answers; why one does not, only an admin token is told */
  @Get('ready')
  @ApiOperation({ summary: 'readiness: every store this process uses answers' })
  @ApiOkResponse({ type: ReadinessDto, description: 'Every store answers' })
  @ApiServiceUnavailableResponse({
    description: 'A store does not answer (problem+json with checks)',
  })
  async ready(@Headers('authorization') authorization?: string): Promise<ReadinessReport> {
    const checked = await this.readiness.check();
    const report = (await this.isAdmin(authorization)) ? checked : withoutDetails(checked);
    if (!report.ready) throw notReady(report);
    return report;
  }

  private async isAdmin(authorization: string | undefined): Promise<boolean> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    if (!token) return false;
    return this.verify(token).then(
      (actor) => actor.role === 'admin',
      () => false,
    );
  }
}
