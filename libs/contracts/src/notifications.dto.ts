import { ApiProperty } from '@nestjs/swagger';
import { Instant, Int, NullableString } from './api-property';

export class InboxItemDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @Instant()
  at!: string;

  @NullableString({ format: 'uuid' })
  caseId!: string | null;

  @ApiProperty({ example: 'CaseAcknowledged' })
  type!: string;

  @ApiProperty({ description: 'what happened, what happens next and by when' })
  text!: string;

  @ApiProperty()
  read!: boolean;
}

/** GET /v1/me/notifications. */
export class InboxPageDto {
  @ApiProperty({ type: [InboxItemDto] })
  items!: InboxItemDto[];

  @NullableString({ description: 'pass back as `cursor` for the next page; null on the last' })
  nextCursor!: string | null;
}

/** Answer of POST /v1/webhooks: the signing secret is shown here only. */
export class CreatedWebhookDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ pattern: '^whsec_', description: 'Standard Webhooks signing secret' })
  secret!: string;
}

export class WebhookSubscriptionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ type: [String] })
  events!: string[];

  @NullableString()
  authorityId!: string | null;

  @ApiProperty()
  createdBy!: string;

  @Instant()
  createdAt!: string;
}

export class WebhookListDto {
  @ApiProperty({ type: [WebhookSubscriptionDto] })
  items!: WebhookSubscriptionDto[];
}

export class DeliveryAttemptDto {
  @Int({ minimum: 1 })
  attempt!: number;

  @Instant()
  at!: string;

  @ApiProperty()
  outcome!: string;

  @Int({ nullable: true, description: "the receiver's HTTP status" })
  statusCode!: number | null;

  @NullableString()
  error!: string | null;
}

export class DeliveryLogEntryDto {
  @ApiProperty({ description: 'the webhook-id header of every attempt' })
  id!: string;

  @ApiProperty()
  channel!: string;

  @ApiProperty()
  eventType!: string;

  @ApiProperty({ enum: ['pending', 'delivered', 'dead', 'cancelled'] })
  status!: string;

  @ApiProperty({ type: [DeliveryAttemptDto] })
  attempts!: DeliveryAttemptDto[];

  @Instant()
  createdAt!: string;
}

export class DeliveryLogDto {
  @ApiProperty({ type: [DeliveryLogEntryDto] })
  items!: DeliveryLogEntryDto[];
}
