import { Module } from '@nestjs/common';
import { CaseAccessController } from './case-access.controller';
import { CaseAuditController } from './case-audit.controller';
import { ReadAudit } from './read-audit.service';

/**
 * Oversight's view of the tamper-evident trail, read from the event store itself, and the read
 * audit: who read a case, recorded before the answer, listed for its owner and oversight.
 */
@Module({
  controllers: [CaseAuditController, CaseAccessController],
  providers: [ReadAudit],
  exports: [ReadAudit],
})
export class AuditModule {}
