import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, StringRule } from '@recourse/contracts';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CASE_EVENT_TYPES } from '@recourse/domain';
import { parsePosition } from '@recourse/event-store';

export const MAX_AUDIT_PAGE = 500;

function isPosition(text: string): boolean {
  try {
    parsePosition(text);
    return true;
  } catch {
    return false;
  }
}

/** Filters and paging of GET /v1/audit/events. */
export class AuditEventsQueryDto {
  @ApiPropertyOptional({ description: 'the authority that held the case when the event happened' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { message: 'authorityId must be an authority id' })
  authorityId?: string;

  @ApiPropertyOptional({ description: "the actor's id (token sub; 'system' for timers)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actorId?: string;

  @ApiPropertyOptional({ enum: CASE_EVENT_TYPES })
  @IsOptional()
  @IsIn(CASE_EVENT_TYPES)
  type?: string;

  @ApiPropertyOptional({ description: 'occurredAt at or after this ISO 8601 instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'occurredAt before this ISO 8601 instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (a global position)' })
  @IsOptional()
  @StringRule('isPosition', isPosition, () => 'cursor must be the nextCursor of a previous page')
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_AUDIT_PAGE, default: 100 })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(MAX_AUDIT_PAGE)
  limit?: number;
}
