import { Controller, Get, Inject } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@recourse/auth';
import { AppealWaveDto } from '@recourse/contracts';
import { DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { listAlerts, type RecordedWave } from '@recourse/notifications';

@ApiTags('oversight')
@Controller('v1/alerts')
export class AlertsController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @Roles('oversight')
  @ApiOperation({
    summary:
      'appeal waves recorded as AppealWaveDetected facts (streams alerts-<authorityId>), latest ' +
      'first: per authority and decision type, the appeals of the window in which the policy ' +
      'alerts rule began to hold, against the average of the 24 windows before it',
  })
  @ApiOkResponse({ type: [AppealWaveDto] })
  @ApiForbiddenResponse({ description: 'oversight only' })
  alerts(): Promise<RecordedWave[]> {
    return listAlerts(this.db);
  }
}
