import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant } from '@recourse/contracts';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { STATS_GROUPINGS } from '@recourse/read-models';

/** Filters and grouping of GET /v1/stats/outcomes. */
export class OutcomeStatsQueryDto {
  @ApiPropertyOptional({ description: 'cases received by the authority at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'cases received by the authority before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'a supervisor may only give their own (it is the default)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'authorityId must be an authority id' })
  authorityId?: string;

  @ApiPropertyOptional({ enum: STATS_GROUPINGS, default: 'authority' })
  @IsOptional()
  @IsIn(STATS_GROUPINGS)
  groupBy?: (typeof STATS_GROUPINGS)[number];
}
