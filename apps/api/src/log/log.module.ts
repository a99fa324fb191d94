import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import type { Database } from '@recourse/database';
import { DATABASE } from '@recourse/infrastructure';
import { migrateTransparencyLog } from '@recourse/transparency-log';
import { LogController } from './log.controller';

/** The public transparency-log endpoints. The tables may not exist yet when the API starts first. */
@Module({ controllers: [LogController] })
export class LogModule implements OnModuleInit {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onModuleInit(): Promise<void> {
    await migrateTransparencyLog(this.db);
  }
}
