import {
  BadRequestException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { CasePageDto, ClaimedCaseDto } from '@recourse/contracts';
import {
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentActor, Roles } from '@recourse/auth';
import { CaseCommandService } from '@recourse/commands';
import { CLOCK, DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { isDomainError, mayWorkQueue, type Actor, type Clock } from '@recourse/domain';
import { positionToString } from '@recourse/event-store';
import {
  claimNext,
  getCaseSummary,
  InvalidCursor,
  queue,
  type CaseSummary,
  type QueuePage,
} from '@recourse/read-models';
import { ETAG_HEADER } from '../cases/revision-etag.interceptor';
import { MIN_POSITION_DOC } from './case-queries.controller';
import { MinPositionInterceptor } from './min-position.interceptor';
import { QueueQueryDto } from './queue-query.dto';

interface HttpResponse {
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
}

/** The case is no longer free in the event log (assigned meanwhile, or closed). */
class CaseTaken extends Error {}

const DEFAULT_LIMIT = 20;

@ApiTags('queues')
@ApiHeader(MIN_POSITION_DOC)
@UseInterceptors(MinPositionInterceptor)
@Controller('v1/queues')
export class QueueController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CaseCommandService,
  ) {}

  @Get(':authorityId')
  @Roles('caseworker', 'supervisor')
  @ApiOperation({
    summary: 'open cases of the authority, most urgent deadline first; cursor paging',
  })
  @ApiOkResponse({ type: CasePageDto })
  @ApiForbiddenResponse({ description: 'the caller is not staff of this authority' })
  async list(
    @Param('authorityId') authorityId: string,
    @Query() query: QueueQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<QueuePage> {
    this.requireStaffOf(actor, authorityId);
    const assignee = query.assignee === 'me' ? actor.id : query.assignee;
    try {
      return await queue(
        this.db,
        authorityId,
        { status: query.status, priority: query.priority, assignee, overdue: query.overdue },
        { cursor: query.cursor, limit: query.limit ?? DEFAULT_LIMIT, now: this.clock.now() },
      );
    } catch (error) {
      if (error instanceof InvalidCursor) throw new BadRequestException(error.message);
      throw error;
    }
  }

  @Post(':authorityId/claim')
  @HttpCode(200)
  @Roles('caseworker')
  @ApiOperation({ summary: 'assign the most urgent unassigned case to the caller (AssignCase)' })
  @ApiOkResponse({
    type: ClaimedCaseDto,
    headers: ETAG_HEADER,
    description: 'the claimed case, with the revision and position of the assignment',
  })
  @ApiNoContentResponse({ description: 'no unassigned case is waiting' })
  async claim(
    @Param('authorityId') authorityId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HttpResponse,
  ): Promise<(CaseSummary & { position: string }) | undefined> {
    this.requireStaffOf(actor, authorityId);
    let assigned: { revision: number; position: string } | undefined;
    const caseId = await claimNext(this.db, authorityId, actor.id, async (candidate) => {
      try {
        const outcome = await this.commands.execute(
          candidate,
          // decided on the event log, not the read model: re-run on every retry of the command
          ({ state }) => {
            if (state.assignee !== null || state.authorityId !== authorityId) throw new CaseTaken();
            return { type: 'AssignCase', caseworkerId: actor.id };
          },
          { actor, correlationId: randomUUID() },
        );
        assigned = { revision: outcome.revision, position: positionToString(outcome.position) };
        return 'assigned';
      } catch (error) {
        if (error instanceof CaseTaken || isDomainError(error)) return 'taken';
        throw error;
      }
    });
    if (!caseId || !assigned) {
      response.status(204);
      return undefined;
    }
    response.setHeader('ETag', `"${assigned.revision}"`);
    // the read model may not show the assignment yet: say what the command did
    const claimed = await getCaseSummary(this.db, caseId, this.clock.now());
    return {
      ...claimed!,
      assignee: actor.id,
      revision: assigned.revision,
      position: assigned.position,
    };
  }

  private requireStaffOf(actor: Actor, authorityId: string): void {
    if (!mayWorkQueue(actor, authorityId)) {
      throw new ForbiddenException(`only staff of ${authorityId} may work its queue`);
    }
  }
}
