import { Controller, Get, Inject, Param } from '@nestjs/common';
import {
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '@recourse/auth';
import { CorrelationId } from '@recourse/observability';
import { EVENT_STORE } from '@recourse/infrastructure';
import { AuditDto, type AuditActorDto } from '@recourse/contracts';
import { caseStreamName, type Actor } from '@recourse/domain';
import { verifyChain, type EventStore } from '@recourse/event-store';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ReadAudit } from './read-audit.service';

@ApiTags('audit')
@Controller('v1/cases')
export class CaseAuditController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readAudit: ReadAudit,
  ) {}

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
  async audit(
    @Param('id', CaseIdPipe) caseId: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AuditDto> {
    const stream = caseStreamName(caseId);
    const events = await this.store.readStream(stream);
    // oversight is never the owner: every read of the trail is recorded
    await this.readAudit.record({ caseId, ownerId: null, view: 'audit' }, actor, correlationId);
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
