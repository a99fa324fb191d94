import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Int } from './api-property';

export class FieldErrorDto {
  @ApiProperty({ example: 'decision.automation' })
  field!: string;

  @ApiProperty()
  message!: string;
}

/**
 * RFC 9457 problem details: the body of every error answer (application/problem+json). Extension
 * members (currentRevision, checks, …) may follow, so the schema stays open.
 */
export class ProblemDto {
  @ApiProperty({
    description: 'about:blank, or a URI naming the problem',
    example: 'https://recourse.example/problems/case-not-found',
  })
  type!: string;

  @ApiProperty({ example: 'Case not found' })
  title!: string;

  @Int({ minimum: 400, maximum: 599, example: 404 })
  status!: number;

  @ApiProperty({ example: 'There is no case with this id that you may see.' })
  detail!: string;

  @ApiPropertyOptional({ description: 'the request path' })
  instance?: string;

  @ApiPropertyOptional({ description: 'echoes X-Correlation-Id; quote it when reporting' })
  correlationId?: string;

  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'validation only' })
  errors?: FieldErrorDto[];
}
