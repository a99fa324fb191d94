import { Module } from '@nestjs/common';
import { PersonalDataModule } from '@recourse/personal-data';
import { CaseCommandService } from './case-command.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';

/**
 * The write side: the case command handler and the Idempotency-Key store and interceptor.
 * Needs the global infrastructure tokens (EVENT_STORE, POLICY, CLOCK, DATABASE, CONFIG).
 */
@Module({
  imports: [PersonalDataModule],
  providers: [CaseCommandService, IdempotencyStore, IdempotencyInterceptor],
  exports: [CaseCommandService, IdempotencyStore, IdempotencyInterceptor, PersonalDataModule],
})
export class CommandsModule {}
