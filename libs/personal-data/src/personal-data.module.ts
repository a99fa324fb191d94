import { Module } from '@nestjs/common';
import { PersonalDataService } from './personal-data.service';

/** Data keys, sealing and opening. Needs the global infrastructure tokens (DATABASE, CONFIG). */
@Module({ providers: [PersonalDataService], exports: [PersonalDataService] })
export class PersonalDataModule {}
