import { Controller, Get, Inject, Param, UseInterceptors } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '@recourse/auth';
import { CLOCK, DATABASE, POLICY } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { DomainError, type Actor, type Clock, type Policy } from '@recourse/domain';
import { getCase, listMine, type CaseSummary, type CaseView } from '@recourse/read-models';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { MinPositionInterceptor } from './min-position.interceptor';

const STAFF_ROLES: readonly string[] = ['caseworker', 'supervisor'];

/** Who may read a case, and whether they see internal notes; null: as if it did not exist. */
function access(actor: Actor, view: CaseView): { internalNotes: boolean } | null {
  if (actor.role === 'citizen') return actor.id === view.ownerId ? { internalNotes: false } : null;
  if (actor.role === 'oversight') return { internalNotes: true };
  if (
    STAFF_ROLES.includes(actor.role) &&
    actor.authorityId &&
    view.authorities.includes(actor.authorityId)
  ) {
    return { internalNotes: true };
  }
  return null;
}

export const MIN_POSITION_DOC = {
  name: 'X-Min-Position',
  required: false,
  description:
    'a command\'s "position": wait (at most 5 s) until the read models include it; ' +
    'past that the answer carries X-Read-Model-Stale: true',
};

@ApiTags('cases')
@ApiHeader(MIN_POSITION_DOC)
@UseInterceptors(MinPositionInterceptor)
@Controller('v1/cases')
export class CaseQueriesController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('mine')
  @Roles('citizen')
  @ApiOperation({ summary: "the caller's cases, most recently filed first" })
  @ApiOkResponse({ description: '{ items: CaseSummary[] }' })
  async mine(@CurrentActor() actor: Actor): Promise<{ items: CaseSummary[] }> {
    return { items: await listMine(this.db, actor.id, this.clock.now()) };
  }

  @Get(':id')
  @Roles('citizen', 'caseworker', 'supervisor', 'oversight')
  @ApiOperation({
    summary:
      'case view: status, level, authority, deadlines with explanation, decision, timeline, next step',
  })
  @ApiNotFoundResponse({ description: 'no such case, or one the caller may not see' })
  async one(@Param('id', CaseIdPipe) id: string, @CurrentActor() actor: Actor): Promise<CaseView> {
    const view = await getCase(this.db, id, {
      policy: this.policy,
      now: this.clock.now(),
      includeInternalNotes: true,
    });
    const allowed = view && access(actor, view);
    if (!view || !allowed) throw new DomainError('case-not-found', 'no such case');
    if (!allowed.internalNotes) delete view.notes;
    return view;
  }
}
