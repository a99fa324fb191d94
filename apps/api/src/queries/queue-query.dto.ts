import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OPEN_STATUSES } from '@recourse/domain';

/** Filters and paging of GET /v1/queues/:authorityId. */
export class QueueQueryDto {
  @ApiPropertyOptional({ enum: OPEN_STATUSES })
  @IsOptional()
  @IsIn(OPEN_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: ['standard', 'urgent'] })
  @IsOptional()
  @IsIn(['standard', 'urgent'])
  priority?: string;

  @ApiPropertyOptional({ description: "'me', 'unassigned' or a caseworker id" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  assignee?: string;

  @ApiPropertyOptional({ description: 'only cases whose current deadline has passed' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  )
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
