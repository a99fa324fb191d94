import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** a query string of decimal digits becomes a number; anything else stays and fails IsInt */
const AsInteger = () =>
  Transform(({ value }) =>
    typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value,
  );

const WHOLE = { minimum: 0, maximum: Number.MAX_SAFE_INTEGER };

export const MAX_LEAVES = 1000;
export const MAX_CHECKPOINTS = 500;

export class InclusionQueryDto {
  @ApiProperty({ ...WHOLE, description: "the leaf's index in the log (the event's logIndex)" })
  @AsInteger()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  logIndex!: number;

  @ApiProperty({
    ...WHOLE,
    description: "the size of the tree to prove inclusion in (a checkpoint's)",
  })
  @AsInteger()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  treeSize!: number;
}

export class ConsistencyQueryDto {
  @ApiProperty({ ...WHOLE, description: 'the older tree size (≥ 1)' })
  @AsInteger()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  from!: number;

  @ApiProperty({ ...WHOLE, description: 'the newer tree size' })
  @AsInteger()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  to!: number;
}

export class LeavesQueryDto {
  @ApiProperty({ ...WHOLE, description: 'first logIndex' })
  @AsInteger()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  start!: number;

  @ApiProperty({ ...WHOLE, description: `logIndex after the last (at most ${MAX_LEAVES} leaves)` })
  @AsInteger()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  end!: number;
}

export class CheckpointsQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @AsInteger()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  cursor?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_CHECKPOINTS, default: 100 })
  @IsOptional()
  @AsInteger()
  @IsInt()
  @Min(1)
  @Max(MAX_CHECKPOINTS)
  limit?: number;
}
