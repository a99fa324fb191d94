import { Module } from '@nestjs/common';

/** Command endpoints on cases (filled in by the command API work). */
@Module({})
export class CasesModule {}
