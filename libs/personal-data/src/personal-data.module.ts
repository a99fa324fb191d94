import { Module } from '@nestjs/common';
import type { RecourseConfig } from '@recourse/config';
import type { Database } from '@recourse/database';
import { CONFIG, DATABASE } from '@recourse/infrastructure';
import { PersonalDataService } from './personal-data.service';

/**
 * Replaces PersonalDataService wherever it is injected, when a global module provides it. Only
 * bench:api does (a pass-through sealer, to measure what encryption costs); there is no setting
 * that turns encryption off.
 */
export const PERSONAL_DATA_REPLACEMENT = Symbol('PERSONAL_DATA_REPLACEMENT');

/** Data keys, sealing and opening. Needs the global infrastructure tokens (DATABASE, CONFIG). */
@Module({
  providers: [
    {
      provide: PersonalDataService,
      inject: [DATABASE, CONFIG, { token: PERSONAL_DATA_REPLACEMENT, optional: true }],
      useFactory: (
        database: Database,
        config: RecourseConfig,
        replacement: PersonalDataService | undefined,
      ) => replacement ?? new PersonalDataService(database, config),
    },
  ],
  exports: [PersonalDataService],
})
export class PersonalDataModule {}
