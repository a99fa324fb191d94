import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';
import { MAX_ID, MAX_URL } from '@recourse/contracts';
import { CASE_EVENT_TYPES } from '@recourse/domain';

/** What a webhook can subscribe to: every case event, and the appeal-wave alerts. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [...CASE_EVENT_TYPES, 'AppealWaveDetected'];

export class CreateWebhookDto {
  @ApiProperty({
    description: 'http(s) URL the events are POSTed to, signed per Standard Webhooks',
    maxLength: MAX_URL,
  })
  @IsString()
  @MaxLength(MAX_URL)
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http:// or https:// URL' },
  )
  url!: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events!: string[];

  @ApiPropertyOptional({ description: "only this authority's events (by the case's authority)" })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]*$/, { message: 'authorityId must be an authority id' })
  @MaxLength(MAX_ID)
  authorityId?: string;
}
