import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsISO8601,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { Automation, CaseKind, Priority } from '@recourse/domain';
import { OptionalOnlyFor, RequiredOnlyFor, StandardPriorityForPetitions } from './kind-fields';
import { MAX_ID, MAX_SHORT_TEXT, MAX_TEXT } from './limits';
import { VisibleText } from './text-rules';

export const CASE_KINDS: readonly CaseKind[] = ['appeal', 'petition'];
export const PRIORITIES: readonly Priority[] = ['standard', 'urgent'];
export const AUTOMATIONS: readonly Automation[] = ['full', 'partial', 'none', 'unknown'];

/** The decision an appeal contests. */
export class ContestedDecisionDto {
  @ApiProperty({ example: 'HC-2026-0613-88121', maxLength: MAX_SHORT_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_SHORT_TEXT)
  reference!: string;

  @ApiProperty({ example: 'health-code', maxLength: MAX_SHORT_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_SHORT_TEXT)
  type!: string;

  @ApiProperty({ example: 'red', maxLength: MAX_SHORT_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_SHORT_TEXT)
  outcome!: string;

  @ApiProperty({ example: '2026-06-13T08:10:00Z', description: 'ISO 8601 instant' })
  @IsString()
  @MaxLength(64)
  @IsISO8601({ strict: true })
  issuedAt!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: MAX_TEXT,
    description: 'the reason the authority gave; null when it gave none (the key is required)',
  })
  @ValidateIf((_decision: unknown, value: unknown) => value !== null)
  @IsString()
  @MaxLength(MAX_TEXT)
  statedReason!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Zhengzhou East Station' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SHORT_TEXT)
  location?: string | null;

  @ApiProperty({ enum: AUTOMATIONS, description: 'how the contested decision was made' })
  @IsIn(AUTOMATIONS)
  automation!: Automation;
}

export class AppellantDto {
  @ApiProperty({ example: 'Liu', maxLength: MAX_SHORT_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_SHORT_TEXT)
  name!: string;

  @ApiProperty({ example: 'liu@example.org', maxLength: MAX_SHORT_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_SHORT_TEXT)
  contact!: string;
}

/**
 * Body of POST /v1/cases, discriminated by `kind`: an appeal carries `decision`, `grounds` and
 * optionally `remedy`; a petition carries `title` and `demand` and no decision. Fields of the
 * other kind are refused, as are unknown fields.
 */
export class FileCaseDto {
  @ApiProperty({ enum: CASE_KINDS })
  @IsIn(CASE_KINDS)
  kind!: CaseKind;

  @ApiProperty({ example: 'zhengzhou-health', maxLength: MAX_ID })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_ID)
  authorityId!: string;

  @ApiPropertyOptional({
    enum: PRIORITIES,
    default: 'standard',
    description: 'urgent is for appeals only',
  })
  @IsOptional()
  @IsIn(PRIORITIES)
  @StandardPriorityForPetitions()
  priority?: Priority;

  @ApiPropertyOptional({ type: ContestedDecisionDto, description: 'appeals only (required)' })
  @RequiredOnlyFor('appeal')
  @IsObject()
  @ValidateNested()
  @Type(() => ContestedDecisionDto)
  decision?: ContestedDecisionDto;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'appeals only (required)' })
  @RequiredOnlyFor('appeal')
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  grounds?: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'appeals only' })
  @OptionalOnlyFor('appeal')
  @IsString()
  @MaxLength(MAX_TEXT)
  remedy?: string;

  @ApiPropertyOptional({ maxLength: MAX_SHORT_TEXT, description: 'petitions only (required)' })
  @RequiredOnlyFor('petition')
  @IsString()
  @VisibleText()
  @MaxLength(MAX_SHORT_TEXT)
  title?: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT, description: 'petitions only (required)' })
  @RequiredOnlyFor('petition')
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  demand?: string;

  @ApiProperty({ type: AppellantDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AppellantDto)
  appellant!: AppellantDto;
}
