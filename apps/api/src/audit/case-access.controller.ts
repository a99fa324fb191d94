import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { caseReads, type CaseReadItem } from '@recourse/audit';
import { CurrentActor, Roles } from '@recourse/auth';
import { CaseReadsDto } from '@recourse/contracts';
import type { Database } from '@recourse/database';
import { DomainError, type Actor } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { DATABASE, EVENT_STORE } from '@recourse/infrastructure';
import { caseOwner } from '@recourse/read-models';
import { CaseIdPipe } from '../cases/case-id.pipe';

@ApiTags('audit')
@Controller('v1/cases')
export class CaseAccessController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The case's access log: reads by anyone but the owner (read from the store itself). */
  @Get(':id/access')
  @Roles('citizen', 'oversight')
  @ApiOperation({ summary: 'who read the case (anyone but its owner): when, who, which view' })
  @ApiOkResponse({ type: CaseReadsDto })
  @ApiNotFoundResponse({ description: 'no such case, or one the caller may not see' })
  async access(
    @Param('id', CaseIdPipe) caseId: string,
    @CurrentActor() actor: Actor,
  ): Promise<{ items: CaseReadItem[] }> {
    const owner = await caseOwner(this.db, caseId);
    const allowed = owner !== null && (actor.role === 'oversight' || actor.id === owner);
    if (!allowed) throw new DomainError('case-not-found', 'no such case');
    return { items: await caseReads(this.store, caseId) };
  }
}
