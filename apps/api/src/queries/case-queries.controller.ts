import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  Param,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CasePageDto, CaseViewDto } from '@recourse/contracts';
import { CurrentActor, Roles } from '@recourse/auth';
import { CLOCK, DATABASE, POLICY } from '@recourse/infrastructure';
import { CorrelationId } from '@recourse/observability';
import type { Database } from '@recourse/database';
import {
  caseAccess,
  DomainError,
  mayReadNote,
  type Actor,
  type Clock,
  type Policy,
} from '@recourse/domain';
import { PersonalDataService } from '@recourse/personal-data';
import {
  getCaseWithKeys,
  InvalidCursor,
  listMine,
  type CaseView,
  type QueuePage,
  type InternalNote,
} from '@recourse/read-models';
import { ReadAudit } from '../audit/read-audit.service';
import { CaseIdPipe } from '../cases/case-id.pipe';
import { ETAG_HEADER } from '../cases/revision-etag.interceptor';
import { MinPositionInterceptor } from './min-position.interceptor';
import { PageQueryDto } from './page-query.dto';

const DEFAULT_PAGE_LIMIT = 20;

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

const withheld = ({ text: _text, authorId: _authorId, ...exists }: InternalNote): InternalNote =>
  exists;

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
    private readonly personalData: PersonalDataService,
    private readonly readAudit: ReadAudit,
  ) {}

  @Get('mine')
  @Roles('citizen')
  @ApiOperation({ summary: "the caller's cases, most recently filed first; cursor paging" })
  @ApiOkResponse({ type: CasePageDto })
  async mine(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<QueuePage> {
    try {
      return await listMine(this.db, actor.id, {
        cursor: query.cursor,
        limit: query.limit ?? DEFAULT_PAGE_LIMIT,
        now: this.clock.now(),
      });
    } catch (error) {
      if (error instanceof InvalidCursor) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Get(':id')
  @Roles('citizen', 'caseworker', 'supervisor', 'oversight')
  @ApiOperation({
    summary:
      'case view: status, level, authority, deadlines with explanation, decision, timeline, next step',
  })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'the ETag of a view you hold: 304 when the case has not moved on',
  })
  @ApiOkResponse({ type: CaseViewDto, headers: ETAG_HEADER })
  @ApiResponse({ status: 304, description: 'not modified since the If-None-Match revision' })
  @ApiNotFoundResponse({ description: 'no such case, or one the caller may not see' })
  async one(
    @Param('id', CaseIdPipe) id: string,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<CaseView> {
    // the owner's wrapped data keys come with the case: opening it needs no query of its own
    const found = await getCaseWithKeys(this.db, id, {
      policy: this.policy,
      now: this.clock.now(),
      includeInternalNotes: true,
    });
    const access = found && caseAccess(actor, found.view);
    if (!found || !access) throw new DomainError('case-not-found', 'no such case');
    const { view, keys } = found;
    await this.readAudit.record(
      { caseId: id, ownerId: view.ownerId, view: 'case' },
      actor,
      correlationId,
    );
    if (access.notes === 'none') delete view.notes;
    // another authority's note: the caller learns that it exists, not what it says or who wrote it
    else
      view.notes = view.notes?.map((note) =>
        mayReadNote(access, note.authorityId) ? note : withheld(note),
      );
    // set here rather than by RevisionETagInterceptor: the most read route, one layer fewer
    response.setHeader('ETag', `"${view.revision}"`);
    // the read model holds personal values sealed: opened here, "[erased]" once erased
    return this.personalData.open(view, keys);
  }
}
