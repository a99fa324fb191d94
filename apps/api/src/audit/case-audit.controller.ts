import { Controller, Get, Inject, Param } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '@recourse/auth';
import { EVENT_STORE } from '@recourse/infrastructure';
import { AuditDto, type AuditActorDto } from '@recourse/contracts';
import { caseStreamName } from '@recourse/domain';
import { verifyChain, type EventStore } from '@recourse/event-store';
import { CaseIdPipe } from '../cases/case-id.pipe';

@ApiTags('audit')
@Controller('v1/cases')
export class CaseAuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /**
   * Every event of the case as stored, with its chain hashes, and whether the chain recomputes.
   * Reads the stream, never a read model. An unknown case is a 404 (StreamNotFound).
   */
  @Get(':id/audit')
  @Roles('oversight')
  @ApiOperation({ summary: "The case's complete audit trail, with the hash chain verified" })
  @ApiOkResponse({ type: AuditDto })
  @ApiNotFoundResponse({ description: 'unknown case' })
  @ApiForbiddenResponse({ description: 'oversight only' })
  async audit(@Param('id', CaseIdPipe) caseId: string): Promise<AuditDto> {
    const stream = caseStreamName(caseId);
    const events = await this.store.readStream(stream);
    const verdict = verifyChain(stream, events);
    return {
      caseId,
      verified: verdict.verified,
      firstBrokenRevision: verdict.firstBrokenRevision,
      events: events.map((event) => ({
        revision: event.revision,
        type: event.type,
        data: event.data,
        actor: event.metadata.actor as AuditActorDto,
        occurredAt: event.metadata.occurredAt,
        prevHash: event.metadata.prevHash,
        hash: event.metadata.hash,
      })),
    };
  }
}
