import { Module } from '@nestjs/common';
import { PersonalDataModule } from '@recourse/personal-data';
import { CaseCommandService } from './case-command.service';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { SubjectErasure } from './subject-erasure';

/**
 * The write side: the case command handler, the Idempotency-Key store and interceptor, and the
 * erasure of a subject's personal data.
 * Needs the global infrastructure tokens (EVENT_STORE, POLICY, CLOCK, DATABASE, CONFIG).
 */
@Module({
  imports: [PersonalDataModule],
  providers: [CaseCommandService, IdempotencyStore, IdempotencyInterceptor, SubjectErasure],
  exports: [
    CaseCommandService,
    IdempotencyStore,
    IdempotencyInterceptor,
    SubjectErasure,
    PersonalDataModule,
  ],
})
export class CommandsModule {}
