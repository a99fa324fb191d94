import { Module } from '@nestjs/common';

/** Read-model query endpoints (filled in by the projections work). */
@Module({})
export class QueriesModule {}
