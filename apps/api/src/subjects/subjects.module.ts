import { Module } from '@nestjs/common';
import { CommandsModule } from '@recourse/commands';
import { PersonalDataExportController } from './export.controller';
import { SubjectsController } from './subjects.controller';

/** The data subjects' rights: erasure and the export of their data. */
@Module({
  imports: [CommandsModule],
  controllers: [SubjectsController, PersonalDataExportController],
})
export class SubjectsModule {}
