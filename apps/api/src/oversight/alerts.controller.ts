import { Controller, Get, Inject } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@recourse/auth';
import { CLOCK, DATABASE, POLICY } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { fixedDurationMs, type Clock, type Policy } from '@recourse/domain';
import { appealWaves, type AppealWave } from '@recourse/read-models';

@ApiTags('oversight')
@Controller('v1/alerts')
export class AlertsController {
  private readonly windowMs: number;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    // the policy validated it as a duration without working days
    this.windowMs = fixedDurationMs(policy.alerts.window);
  }

  @Get()
  @Roles('oversight')
  @ApiOperation({
    summary:
      'appeal waves: per authority and decision type, appeals filed in the latest alerts.window ' +
      'against the average of the 24 windows before it',
  })
  @ApiOkResponse({
    description: '[{ authorityId, decisionType, from, to, count, baseline, factor }]',
  })
  @ApiForbiddenResponse({ description: 'oversight only' })
  alerts(): Promise<AppealWave[]> {
    const { minCases, factor } = this.policy.alerts;
    return appealWaves(this.db, { windowMs: this.windowMs, minCases, factor }, this.clock.now());
  }
}
