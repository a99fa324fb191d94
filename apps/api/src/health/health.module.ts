import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { Readiness } from '@recourse/http-edge';

@Module({ controllers: [HealthController], providers: [Readiness] })
export class HealthModule {}
