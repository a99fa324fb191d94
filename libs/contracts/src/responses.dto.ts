import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Instant, Int, NullableInstant } from './api-property';

/** Answer of every command: the case's new revision (also the ETag) and the global position. */
export class CommandResultDto {
  @ApiPropertyOptional({ description: 'id of what the command created (evidence, note, request)' })
  id?: string;

  @Int({ minimum: 0, description: "revision of the case stream's last event; also sent as ETag" })
  revision!: number;

  @ApiProperty({
    description: 'global position of the last appended event; pass as X-Min-Position to queries',
    example: '1024-7',
  })
  position!: string;
}

export class FiledDeadlinesDto {
  @NullableInstant()
  acknowledgeBy!: string | null;

  @NullableInstant({ description: 'null for a petition until it reaches its support threshold' })
  respondBy!: string | null;
}

/** Answer of POST /v1/cases (201). */
export class FiledCaseDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'RC-2026-7F3K9Q' })
  reference!: string;

  @ApiProperty({ enum: ['filed'] })
  status!: string;

  @Int({ minimum: 0, description: '0 at the first authority, +1 per escalation' })
  level!: number;

  @ApiProperty({ example: 'zhengzhou-health' })
  authorityId!: string;

  @ApiProperty({ type: FiledDeadlinesDto })
  deadlines!: FiledDeadlinesDto;

  @Int({ minimum: 0 })
  revision!: number;

  @ApiProperty({ example: '1024-7' })
  position!: string;
}

export class AuditActorDto {
  @ApiProperty()
  id!: string;

  @ApiProperty({ enum: ['citizen', 'caseworker', 'supervisor', 'oversight', 'admin', 'system'] })
  role!: string;

  @ApiPropertyOptional()
  authorityId?: string;
}

export class AuditEventDto {
  @Int({ minimum: 0, description: "0-based position in the case's stream" })
  revision!: number;

  @ApiProperty({ example: 'CaseFiled' })
  type!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the event data exactly as stored',
  })
  data!: unknown;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @Instant()
  occurredAt!: string;

  @ApiProperty({ description: 'hash of the previous event (hex SHA-256 of "case-<id>" first)' })
  prevHash!: string;

  @ApiProperty({
    description:
      'hex(SHA-256(prevHash + "\\n" + JCS({ type, data, actor, occurredAt, revision })))',
  })
  hash!: string;
}

/** Answer of GET /v1/cases/:id/audit, read from the case stream itself. */
export class AuditDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @ApiProperty({ description: 'true when every hash in the chain recomputes' })
  verified!: boolean;

  @Int({
    nullable: true,
    description: 'revision of the first event whose hash does not check out; null when verified',
  })
  firstBrokenRevision!: number | null;

  @ApiProperty({ type: [AuditEventDto] })
  events!: AuditEventDto[];
}
