import { ApiBody, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { OUTCOMES, type Outcome } from '@recourse/domain';
import { MAX_ID, MAX_TEXT, MAX_URL } from './limits';
import { VisibleText } from './text-rules';

/** Body of commands that take no input (acknowledge, sign): any field is refused. */
export class EmptyDto {}

/** Documents an EmptyDto body as what it is: `{}` or none at all. */
export const NoInputBody = (): MethodDecorator =>
  ApiBody({ type: EmptyDto, required: false, description: 'no input: `{}` or no body' });

export class ProvideInformationDto {
  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  message!: string;
}

export class AddEvidenceDto {
  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  description!: string;

  @ApiPropertyOptional({ description: 'SHA-256 of the evidence file, 64 hex digits' })
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'sha256 must be 64 hexadecimal digits' })
  sha256?: string;

  @ApiPropertyOptional({ description: 'where the evidence can be fetched (https only)' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL)
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_valid_protocol: true },
    { message: 'url must be an https URL' },
  )
  url?: string;
}

export class WithdrawDto {
  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  reason?: string;
}

export class EscalateDto {
  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  grounds!: string;
}

export class AssignDto {
  @ApiProperty({ maxLength: MAX_ID, description: 'user id (JWT sub) of the caseworker' })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_ID)
  caseworkerId!: string;
}

export class RequestInformationDto {
  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  question!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: OUTCOMES })
  @IsIn(OUTCOMES)
  outcome!: Outcome;

  @ApiProperty({ maxLength: MAX_TEXT, description: 'written reasons; blank reasons are refused' })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  reasons!: string;

  @ApiPropertyOptional({ maxLength: MAX_TEXT })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_TEXT)
  remedy?: string;
}

export class NoteDto {
  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  text!: string;
}

export class ReferDto {
  @ApiProperty({ maxLength: MAX_TEXT })
  @IsString()
  @VisibleText()
  @MaxLength(MAX_TEXT)
  reason!: string;
}
