import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { OPEN_STATUSES } from '@recourse/domain';
import { PageQueryDto } from './page-query.dto';

/** Filters and paging of GET /v1/queues/:authorityId. */
export class QueueQueryDto extends PageQueryDto {
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
}
