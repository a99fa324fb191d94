import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CommandsModule, IdempotencyInterceptor } from '@recourse/commands';
import { AuditModule } from '../audit/audit.module';
import { StaffModule } from '../staff/staff.module';
import { RequestRulesInterceptor } from '../request-rules.interceptor';
import { CasesController } from './cases.controller';

/**
 * Command endpoints on cases, the per-case audit trail, and, for every route of the API
 * (APP_INTERCEPTOR is global wherever it is declared), the JSON depth limit and the text rules
 * (RequestRulesInterceptor) and Idempotency-Key handling of POSTs.
 */
@Module({
  imports: [CommandsModule, AuditModule, StaffModule],
  controllers: [CasesController],
  // global interceptors run in this order: the depth check protects the idempotency fingerprint
  providers: [
    { provide: APP_INTERCEPTOR, useClass: RequestRulesInterceptor },
    { provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor },
  ],
})
export class CasesModule {}
