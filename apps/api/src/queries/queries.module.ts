import { Module } from '@nestjs/common';
import { CommandsModule } from '@recourse/commands';
import { ReadModelsModule } from '@recourse/read-models';
import { AuditModule } from '../audit/audit.module';
import { CaseQueriesController } from './case-queries.controller';
import { MinPositionInterceptor } from './min-position.interceptor';
import { QueueController } from './queue.controller';
import { ReadModelPosition } from './read-model-position';

/**
 * Read-model query endpoints: the case view, "my cases", authority queues and claiming (which
 * writes through the command path). X-Min-Position makes any of them wait for a command's write.
 */
@Module({
  // the API process may run without the worker: ReadModelsModule makes sure the tables exist
  imports: [CommandsModule, ReadModelsModule, AuditModule],
  controllers: [CaseQueriesController, QueueController],
  providers: [ReadModelPosition, MinPositionInterceptor],
})
export class QueriesModule {}
