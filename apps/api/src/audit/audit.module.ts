import { Module } from '@nestjs/common';
import { CaseAuditController } from './case-audit.controller';

/** Oversight's view of the tamper-evident trail, read from the event store itself. */
@Module({ controllers: [CaseAuditController] })
export class AuditModule {}
