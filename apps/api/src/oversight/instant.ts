import { BadRequestException, applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { problemType } from '../problem-details';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant: date, time and zone (2026-06-01T00:00:00Z, 2026-06-01T08:00+08:00). */
export const IsInstant = (): PropertyDecorator =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(INSTANT, {
      message: '$property must be an ISO 8601 instant with a time zone, e.g. 2026-06-01T00:00:00Z',
    }),
  );

export interface TimeRange {
  /** inclusive */
  from?: Date;
  /** exclusive */
  to?: Date;
}

/** from/to of a query, already validated one by one; refuses a range that ends before it starts. */
export function timeRange(from?: string, to?: string): TimeRange {
  const range: TimeRange = {
    from: from === undefined ? undefined : new Date(from),
    to: to === undefined ? undefined : new Date(to),
  };
  if (range.from && range.to && range.from.getTime() >= range.to.getTime()) {
    throw new BadRequestException({
      type: problemType('validation-failed'),
      title: 'Invalid request',
      detail: 'Some fields of the request are invalid.',
      errors: [{ field: 'to', message: 'to must be later than from' }],
    });
  }
  return range;
}
