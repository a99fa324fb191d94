import { Controller, ForbiddenException, Get, Inject, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OutcomeStatsDto } from '@recourse/contracts';
import { CurrentActor, Roles } from '@recourse/auth';
import { CLOCK, DATABASE, POLICY } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import type { Actor, Clock, Policy } from '@recourse/domain';
import {
  outcomeStats,
  withPrivacyFloor,
  type OutcomeStatsGroup,
  type ShownStatsGroup,
  type StatsGrouping,
} from '@recourse/read-models';
import { timeRange } from './instant';
import { OutcomeStatsQueryDto } from './outcome-stats-query.dto';

export interface OutcomeStatsResponse {
  from: string | null;
  to: string | null;
  authorityId: string | null;
  groupBy: StatsGrouping;
  /** as counted for oversight; with the privacy floor for anyone else */
  groups: OutcomeStatsGroup[] | ShownStatsGroup[];
}

@ApiTags('oversight')
@Controller('v1/stats')
export class OutcomeStatsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(POLICY) private readonly policy: Policy,
  ) {}

  @Get('outcomes')
  @Roles('oversight', 'supervisor')
  @ApiOperation({
    summary:
      'per group: cases received, decided, by outcome, overturn and on-time rates, median time ' +
      'to decision, open, overdue, escalated (read models)',
  })
  @ApiOkResponse({ type: OutcomeStatsDto })
  @ApiForbiddenResponse({ description: "a supervisor asking for another authority's numbers" })
  async outcomes(
    @Query() query: OutcomeStatsQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<OutcomeStatsResponse> {
    const range = timeRange(query.from, query.to);
    const authorityId = this.authorityFor(actor, query.authorityId);
    const groupBy = query.groupBy ?? 'authority';
    const groups = await outcomeStats(this.db, {
      ...range,
      authorityId,
      groupBy,
      now: this.clock.now(),
    });
    return {
      from: range.from?.toISOString() ?? null,
      to: range.to?.toISOString() ?? null,
      authorityId: authorityId ?? null,
      groupBy,
      groups:
        actor.role === 'oversight'
          ? groups
          : withPrivacyFloor(groups, this.policy.privacy.minGroupSize),
    };
  }

  /** Oversight sees every authority; a supervisor only their own. */
  private authorityFor(actor: Actor, asked: string | undefined): string | undefined {
    if (actor.role !== 'supervisor') return asked;
    if (asked !== undefined && asked !== actor.authorityId) {
      throw new ForbiddenException(`a supervisor sees the statistics of ${actor.authorityId} only`);
    }
    return actor.authorityId;
  }
}
