import { Module } from '@nestjs/common';
import { ReadModelsModule } from '@recourse/read-models';
import { AlertsController } from './alerts.controller';
import { AuditLogController } from './audit-log.controller';
import { OutcomeStatsController } from './outcome-stats.controller';

/**
 * Oversight across cases: the audit log of every event and the verification of every chain (read
 * from the event store itself), outcome statistics and appeal-wave alerts (read models).
 */
@Module({
  imports: [ReadModelsModule],
  controllers: [AuditLogController, OutcomeStatsController, AlertsController],
})
export class OversightModule {}
