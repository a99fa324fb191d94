import { Module } from '@nestjs/common';
import { CommandsModule } from '@recourse/commands';
import { SubjectsController } from './subjects.controller';

/** The data subjects' rights: erasure (and, beside it, the export in the queries module). */
@Module({ imports: [CommandsModule], controllers: [SubjectsController] })
export class SubjectsModule {}
