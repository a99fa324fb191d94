import { ApiProperty } from '@nestjs/swagger';
import { Instant, Int, NullableString } from './api-property';

const HEX_HASH = { pattern: '^[0-9a-f]{64}$' };

export class CheckpointDto {
  @Int({ minimum: 0 })
  treeSize!: number;

  @ApiProperty({ description: 'the C2SP signed note' })
  note!: string;

  @Instant()
  signedAt!: string;
}

export class CheckpointPageDto {
  @ApiProperty({ type: [CheckpointDto] })
  items!: CheckpointDto[];

  @NullableString({ description: 'pass back as `cursor`; null on the last page' })
  nextCursor!: string | null;
}

export class InclusionProofDto {
  @Int({ minimum: 0 })
  logIndex!: number;

  @Int({ minimum: 1 })
  treeSize!: number;

  @ApiProperty(HEX_HASH)
  leafHash!: string;

  @ApiProperty({ type: 'array', items: { type: 'string', ...HEX_HASH } })
  hashes!: string[];
}

export class ConsistencyProofDto {
  @Int({ minimum: 0 })
  from!: number;

  @Int({ minimum: 0 })
  to!: number;

  @ApiProperty({ type: 'array', items: { type: 'string', ...HEX_HASH } })
  hashes!: string[];
}

export class LeavesDto {
  @Int({ minimum: 0 })
  start!: number;

  @Int({ minimum: 0 })
  end!: number;

  @ApiProperty({ type: 'array', items: { type: 'string', ...HEX_HASH } })
  leaves!: string[];
}
