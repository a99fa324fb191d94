import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTCOMES, type CaseStatus, type DeadlineKind } from '@recourse/domain';
import { FreeObject, Instant, Int, NullableInstant, NullableString } from './api-property';
import { AUTOMATIONS, CASE_KINDS, PRIORITIES } from './file-case.dto';

export const CASE_STATUSES: readonly Exclude<CaseStatus, 'none'>[] = [
  'filed',
  'acknowledged',
  'under_review',
  'awaiting_information',
  'decided',
  'escalated',
  'withdrawn',
  'closed',
];
const DEADLINE_KINDS: readonly DeadlineKind[] = ['acknowledge', 'respond'];

export class SkippedDayDto {
  @ApiProperty({ format: 'date', example: '2026-12-05' })
  date!: string;

  @ApiProperty({ enum: ['weekend', 'holiday'] })
  reason!: string;
}

export class PauseDto {
  @Instant()
  from!: string;

  @Instant()
  to!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ description: 'paused time in the rule unit', example: 'P3WD' })
  length!: string;
}

/** A deadline as computed when its command ran, with the sentence that explains it. */
export class DeadlineDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  kind!: string;

  @Instant()
  due!: string;

  @Instant({ description: 'when the clock started' })
  start!: string;

  @ApiProperty({ example: 'P15WD', description: 'ISO 8601 duration; WD counts working days' })
  rule!: string;

  @ApiProperty({ example: 'cn-henan' })
  calendar!: string;

  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone!: string;

  @ApiProperty({ example: '3f9a1c0b7d2e' })
  policyVersion!: string;

  @ApiProperty({ type: [SkippedDayDto] })
  skipped!: SkippedDayDto[];

  @ApiProperty({ type: [PauseDto] })
  pauses!: PauseDto[];

  @ApiPropertyOptional({
    example: 'due 17 Dec 2026 17:00 Asia/Shanghai: 15 working days from 20 Nov 2026',
  })
  explanation?: string;
}

export class CaseDeadlinesDto {
  @ApiProperty({ type: DeadlineDto, nullable: true })
  acknowledgeBy!: DeadlineDto | null;

  @ApiProperty({ type: DeadlineDto, nullable: true })
  respondBy!: DeadlineDto | null;
}

/** One line of a queue or of "my cases". */
export class CaseSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'RC-2026-7F3K9Q' })
  reference!: string;

  @ApiProperty({ enum: CASE_KINDS })
  kind!: string;

  @ApiProperty({ enum: CASE_STATUSES })
  status!: string;

  @Int({ minimum: 0, description: '0 at the first authority, +1 per escalation' })
  level!: number;

  @ApiProperty({ example: 'zhengzhou-health' })
  authorityId!: string;

  @ApiProperty({ enum: PRIORITIES })
  priority!: string;

  @NullableString({ description: 'caseworker id' })
  assignee!: string | null;

  @NullableString({ description: 'petitions only' })
  title!: string | null;

  @NullableString({ description: 'appeals only', example: 'health-code' })
  decisionType!: string | null;

  @ApiProperty({ enum: AUTOMATIONS, nullable: true, description: 'appeals only' })
  automation!: string | null;

  @NullableInstant()
  acknowledgeBy!: string | null;

  @NullableInstant()
  respondBy!: string | null;

  @NullableInstant({ description: 'the deadline the authority works against now; null: no clock' })
  dueBy!: string | null;

  @ApiProperty()
  overdue!: boolean;

  @ApiProperty()
  escalated!: boolean;

  @Instant()
  filedAt!: string;

  @Instant()
  updatedAt!: string;

  @Int({ minimum: 0, description: 'the case revision the read model shows' })
  revision!: number;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] })
  items!: CaseSummaryDto[];

  @NullableString({ description: 'pass back as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}

/** Answer of POST /v1/queues/:authorityId/claim: the claimed case and its assignment. */
export class ClaimedCaseDto extends CaseSummaryDto {
  @ApiProperty({ example: '1024-7', description: 'pass as X-Min-Position to queries' })
  position!: string;
}

export class OpenRequestDto {
  @ApiProperty({ format: 'uuid' })
  requestId!: string;

  @ApiProperty()
  question!: string;

  @Instant()
  pausedAt!: string;
}

export class MissedDeadlineDto {
  @ApiProperty({ enum: DEADLINE_KINDS })
  deadline!: string;

  @Instant()
  due!: string;

  @Int({ minimum: 0 })
  setAtRevision!: number;

  @ApiProperty()
  authorityId!: string;
}

export class NextStepDto {
  @ApiProperty({ type: DeadlineDto, nullable: true })
  deadline!: DeadlineDto | null;

  @ApiProperty({ enum: ['acknowledge', 'respond', 'escalation-window'], nullable: true })
  kind!: string | null;

  @ApiProperty({ enum: ['authority', 'citizen'], nullable: true })
  who!: string | null;

  @ApiPropertyOptional()
  authorityId?: string;

  @NullableInstant()
  due!: string | null;

  @ApiProperty()
  overdue!: boolean;

  @NullableString()
  explanation!: string | null;
}

export class TimelineItemDto {
  @Int({ minimum: 0 })
  revision!: number;

  @ApiProperty({ example: 'CaseFiled' })
  type!: string;

  @Instant()
  occurredAt!: string;

  @ApiProperty({ example: 'citizen' })
  actorRole!: string;

  @FreeObject({ description: 'what the event changed, without internal or personal fields' })
  summary!: Record<string, unknown>;
}

export class InternalNoteDto {
  @Int({ minimum: 0 })
  revision!: number;

  @ApiProperty({ format: 'uuid' })
  noteId!: string;

  @NullableString({ description: 'whose staff wrote it; null: a backfill could not tell' })
  authorityId!: string | null;

  @ApiPropertyOptional({
    description: 'absent for staff of another authority: only that it exists',
  })
  text?: string;

  @ApiPropertyOptional()
  authorId?: string;

  @Instant()
  occurredAt!: string;
}

/** GET /v1/cases/:id: everything about the case that the caller may see. */
export class CaseViewDto extends CaseSummaryDto {
  @ApiProperty()
  ownerId!: string;

  @ApiProperty({ type: [String], description: 'every authority that held the case, in order' })
  authorities!: string[];

  @FreeObject({ description: 'the filing: decision, grounds, remedy, title, demand, appellant' })
  details!: Record<string, unknown>;

  @ApiProperty({ type: CaseDeadlinesDto })
  deadlines!: CaseDeadlinesDto;

  @ApiProperty({ type: [PauseDto] })
  pauses!: PauseDto[];

  @NullableInstant()
  pausedSince!: string | null;

  @ApiProperty({ type: OpenRequestDto, nullable: true })
  openRequest!: OpenRequestDto | null;

  @ApiProperty({ enum: OUTCOMES, nullable: true })
  outcome!: string | null;

  @FreeObject({ nullable: true, description: 'outcome, reasons, remedy' })
  decision!: Record<string, unknown> | null;

  @NullableInstant()
  decidedAt!: string | null;

  @Int({ minimum: 0 })
  escalationCount!: number;

  @ApiProperty({ type: [MissedDeadlineDto] })
  missedDeadlines!: MissedDeadlineDto[];

  @Int({ nullable: true, minimum: 0, description: 'petitions only' })
  signatures!: number | null;

  @ApiProperty({ type: NextStepDto })
  nextStep!: NextStepDto;

  @ApiProperty({ type: [TimelineItemDto] })
  timeline!: TimelineItemDto[];

  @ApiPropertyOptional({ type: [InternalNoteDto], description: 'staff and oversight only' })
  notes?: InternalNoteDto[];
}
