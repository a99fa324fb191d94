import { Body, Controller, Get, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import { FileCaseDto } from '@recourse/contracts';
import { createValidationPipe } from '../../apps/api/src/validation';

/**
 * The baseline of bench:api: a bare NestJS 11 application on the same Express adapter with the
 * same ValidationPipe and the same DTO, answering the same routes from memory. What Recourse
 * does beyond this (auth, idempotency, the event store, logging, metrics) is the ratio's gap.
 */
@Controller('v1/cases')
class BareCasesController {
  private readonly filed = new Map<string, object>();

  @Post()
  file(@Body() body: FileCaseDto): object {
    const id = randomUUID();
    const answer = { id, status: 'filed', authorityId: body.authorityId, revision: 0 };
    if (this.filed.size < 1) this.filed.set(id, { ...answer, body });
    return answer;
  }

  @Get(':id')
  one(@Param('id') id: string): object {
    return this.filed.get(id) ?? { id, status: 'filed' };
  }
}

@Module({ controllers: [BareCasesController] })
class BareModule {}

export async function createBareApp(): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(BareModule, { logger: false });
  app.useGlobalPipes(createValidationPipe());
  app.disable('x-powered-by');
  await app.init();
  return app;
}
