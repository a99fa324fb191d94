import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ErasureReportDto } from '@recourse/contracts';
import { CurrentActor, Roles } from '@recourse/auth';
import { SubjectErasure, type ErasureReport } from '@recourse/commands';
import { EmptyDto, NoInputBody } from '@recourse/contracts';
import type { Actor } from '@recourse/domain';
import { Call, type CommandCall } from '../cases/command-call';

@ApiTags('personal data')
@Controller('v1/subjects')
export class SubjectsController {
  constructor(private readonly erasure: SubjectErasure) {}

  @Post(':sub/erasure')
  @HttpCode(200)
  @Roles('admin', 'citizen')
  @ApiOperation({
    summary:
      "Crypto-shred a subject's personal data: destroy their data key, record PersonalDataErased on each of their cases",
  })
  @NoInputBody()
  @ApiOkResponse({ type: ErasureReportDto })
  @ApiNotFoundResponse({ description: 'no such subject (no data key, no case)' })
  @ApiForbiddenResponse({ description: 'a citizen asking for someone else' })
  @ApiConflictResponse({ description: 'a citizen with cases not yet closed or withdrawn' })
  async erase(
    @Param('sub') subject: string,
    @Body() _body: EmptyDto,
    @CurrentActor() actor: Actor,
    @Call() call: CommandCall,
  ): Promise<ErasureReport> {
    const report = await this.erasure.erase(subject, actor, {
      reason: 'request',
      correlationId: call.correlationId,
    });
    if (!report) throw new NotFoundException(`no such subject: ${subject}`);
    return report;
  }
}
