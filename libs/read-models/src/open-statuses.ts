import { OPEN_STATUSES } from '@recourse/domain';

/** SQL: the case row in `column` is open (the domain's OPEN_STATUSES). */
export const isOpenSql = (column = 'status'): string =>
  `${column} IN (${OPEN_STATUSES.map((status) => `'${status}'`).join(', ')})`;

/** The read models' timestamp for "no clock runs": sorts after every instant, never NULL. */
export const NO_DEADLINE = 'infinity';
