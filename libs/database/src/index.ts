export * from './database';
export * from './open-database';
export * from './migrate';
export { quoteIdentifier } from './identifier';
export { isConnectionError } from './connection-errors';
export { DataDirectoryInUse } from './data-directory-lock';
