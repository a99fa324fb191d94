import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';

/** Property decorators for response DTOs, so a schema says integer, date-time or nullable once. */
export const Int = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);

export const Instant = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: String, format: 'date-time', ...options } as ApiPropertyOptions);

export const NullableInstant = (options: ApiPropertyOptions = {}) =>
  Instant({ nullable: true, ...options } as ApiPropertyOptions);

export const NullableString = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: String, nullable: true, ...options } as ApiPropertyOptions);

/** A JSON object whose members the API does not fix (event data, decision details). */
export const FreeObject = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: 'object', additionalProperties: true, ...options } as ApiPropertyOptions);

export { ApiProperty, ApiPropertyOptional };
