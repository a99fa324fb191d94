import { validationFailed } from '../validation';

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
    throw validationFailed([{ field: 'to', message: 'to must be later than from' }]);
  }
  return range;
}
