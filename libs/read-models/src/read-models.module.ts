import { Module } from '@nestjs/common';
import type { Database } from '@recourse/database';
import { DATABASE } from '@recourse/infrastructure';
import { migrateReadModels } from './migrations';

/** Resolved once the read-model tables are migrated. */
export const READ_MODELS_READY = Symbol('READ_MODELS_READY');

/**
 * The read-model tables, migrated once per application before any module starts: every module
 * that reads or writes them (queries, projections, the deadline sweep, notifications) imports
 * this one, and Nest keeps a single instance of it. Needs InfrastructureModule (DATABASE).
 */
@Module({
  providers: [
    {
      provide: READ_MODELS_READY,
      inject: [DATABASE],
      useFactory: async (db: Database): Promise<true> => {
        await migrateReadModels(db);
        return true;
      },
    },
  ],
  exports: [READ_MODELS_READY],
})
export class ReadModelsModule {}
