import { Module } from '@nestjs/common';
import { PublicController } from './public.controller';

/** Open data: no token, aggregates with the privacy floor, petitions without their signers. */
@Module({ controllers: [PublicController] })
export class PublicModule {}
