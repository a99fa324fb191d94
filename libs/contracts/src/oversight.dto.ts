import { ApiProperty } from '@nestjs/swagger';
import { FreeObject, Instant, Int, NullableString } from './api-property';
import { AuditActorDto } from './responses.dto';

/** One event of GET /v1/audit/events, as stored, with its chain hashes. */
export class AuditEventItemDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @Int({ minimum: 0 })
  revision!: number;

  @ApiProperty({ example: '1024-7', description: 'pass back as `cursor` to read on after it' })
  position!: string;

  @ApiProperty({ example: 'CaseFiled' })
  type!: string;

  @FreeObject({ description: 'the event data exactly as stored' })
  data!: Record<string, unknown>;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @Instant()
  occurredAt!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  prevHash!: string;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  hash!: string;

  @NullableString({ description: 'the authority that held the case when it happened' })
  authorityId!: string | null;
}

export class AuditEventsPageDto {
  @ApiProperty({ type: [AuditEventItemDto] })
  items!: AuditEventItemDto[];

  @NullableString({ description: 'pass back as `cursor`; null at the end of the log' })
  nextCursor!: string | null;
}

export class BrokenChainDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @Int({ minimum: 0 })
  firstBrokenRevision!: number;

  @ApiProperty()
  reason!: string;
}

/** GET /v1/audit/verify. */
export class ChainReportDto {
  @ApiProperty()
  verified!: boolean;

  @Int({ minimum: 0 })
  checkedStreams!: number;

  @Int({ minimum: 0 })
  checkedEvents!: number;

  @ApiProperty({ type: [BrokenChainDto] })
  broken!: BrokenChainDto[];
}

export class OutcomeCountsDto {
  @Int({ minimum: 0 }) upheld!: number;
  @Int({ minimum: 0 }) overturned!: number;
  @Int({ minimum: 0 }) partially_overturned!: number;
  @Int({ minimum: 0 }) rejected!: number;
}

export class OutcomeStatsGroupDto {
  @NullableString({ description: 'authority, decision type, automation or month (yyyy-mm)' })
  key!: string | null;

  @Int({ minimum: 0, nullable: true, description: 'cases received; null below the privacy floor' })
  total!: number;

  @Int({ minimum: 0, nullable: true })
  decided!: number;

  @ApiProperty({ type: OutcomeCountsDto, nullable: true })
  byOutcome!: OutcomeCountsDto | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  overturnRate!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 1 })
  onTimeRate!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0 })
  medianSecondsToDecision!: number | null;

  @Int({ minimum: 0, nullable: true })
  open!: number;

  @Int({ minimum: 0, nullable: true })
  overdue!: number;

  @Int({ minimum: 0, nullable: true })
  escalated!: number;

  @ApiProperty({
    required: false,
    description: 'counts withheld: fewer cases than the policy privacy floor',
  })
  belowPrivacyFloor?: boolean;
}

/** GET /v1/stats/outcomes. */
export class OutcomeStatsDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  from!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  to!: string | null;

  @NullableString()
  authorityId!: string | null;

  @ApiProperty({ enum: ['authority', 'decisionType', 'automation', 'month'] })
  groupBy!: string;

  @ApiProperty({ type: [OutcomeStatsGroupDto] })
  groups!: OutcomeStatsGroupDto[];
}

/** One item of GET /v1/alerts: an AppealWaveDetected fact. */
export class AppealWaveDto {
  @ApiProperty({ description: 'id of the AppealWaveDetected event' })
  id!: string;

  @ApiProperty()
  authorityId!: string;

  @ApiProperty({ example: 'health-code' })
  decisionType!: string;

  @Instant()
  from!: string;

  @Instant()
  to!: string;

  @Int({ minimum: 0 })
  count!: number;

  @ApiProperty({ minimum: 0, description: 'average appeals per window before' })
  baseline!: number;

  @ApiProperty({ minimum: 0 })
  factor!: number;
}

export class LiveDto {
  @ApiProperty({ enum: ['up'] })
  status!: string;
}

export class CheckDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: string;

  @ApiProperty({ required: false })
  error?: string;
}

/** GET /health/ready: one check per store the process uses. */
export class ReadinessDto {
  @ApiProperty()
  ready!: boolean;

  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CheckDto' },
    example: { database: { status: 'up' }, eventStore: { status: 'up' } },
  })
  checks!: Record<string, CheckDto>;
}

/** One read of a case by someone other than its owner. */
export class CaseReadDto {
  @Instant()
  at!: string;

  @ApiProperty({ type: AuditActorDto })
  actor!: AuditActorDto;

  @ApiProperty({ description: 'which view of the case was read', example: 'case' })
  view!: string;
}

/** GET /v1/cases/:id/access. */
export class CaseReadsDto {
  @ApiProperty({ type: [CaseReadDto] })
  items!: CaseReadDto[];
}

export class ErasedCaseDto {
  @ApiProperty({ format: 'uuid' })
  caseId!: string;

  @Int({ minimum: 0 })
  revision!: number;

  @ApiProperty()
  fullyErased!: boolean;
}

/** POST /v1/subjects/:sub/erasure. */
export class ErasureReportDto {
  @ApiProperty()
  subject!: string;

  @ApiProperty({ type: [String], description: "ids of the subject's destroyed data keys" })
  keys!: string[];

  @ApiProperty({ type: [ErasedCaseDto] })
  cases!: ErasedCaseDto[];
}
