import {
  Body,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Module,
  Param,
  Post,
} from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsString, ValidateNested } from 'class-validator';
import { CurrentActor, Roles } from '@recourse/auth';
import { DomainError, type Actor, type DomainErrorCode } from '@recourse/domain';
import { CorrelationId } from '@recourse/observability';

class ProbeDecision {
  @IsString() reference!: string;
  @IsIn(['full', 'partial', 'none', 'unknown']) automation!: string;
}

class ProbeBody {
  @IsString() grounds!: string;
  @ValidateNested() @Type(() => ProbeDecision) decision!: ProbeDecision;
}

/** Routes that make the platform show each of its behaviours; composed into test apps only. */
@Controller('probe')
class ProbeController {
  @Get('me')
  me(@CurrentActor() actor: Actor, @CorrelationId() correlationId: string) {
    return { actor, correlationId };
  }

  @Roles('caseworker', 'supervisor')
  @Get('staff')
  staff(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Post('echo')
  echo(@Body() body: ProbeBody) {
    return { isDto: body instanceof ProbeBody, body };
  }

  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2');
  }

  @Get('domain/:code')
  domain(@Param('code') code: DomainErrorCode): never {
    throw new DomainError(code, `refused: ${code}`);
  }

  @Get('rate-limited')
  rateLimited(): never {
    throw new HttpException('slow down', HttpStatus.TOO_MANY_REQUESTS);
  }
}

@Module({ controllers: [ProbeController] })
export class ProbeModule {}

/** The probe routes are not part of the API: their answers are not checked against OpenAPI. */
export const PROBE_PATHS = /^\/probe\//;
