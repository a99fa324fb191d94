import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CommandsModule, IdempotencyInterceptor } from '@recourse/commands';
import { AuditModule } from '../audit/audit.module';
import { CasesController } from './cases.controller';

/**
 * Command endpoints on cases, the per-case audit trail, and Idempotency-Key handling for every
 * POST of the API (APP_INTERCEPTOR is global wherever it is declared).
 */
@Module({
  imports: [CommandsModule, AuditModule],
  controllers: [CasesController],
  providers: [{ provide: APP_INTERCEPTOR, useExisting: IdempotencyInterceptor }],
})
export class CasesModule {}
