export * from './port';
export * from './errors';
export * from './chain';
export * from './position';
export { PostgresEventStore, PostgresEventStoreOptions } from './postgres/postgres-event-store';
export { KurrentEventStore } from './kurrent/kurrent-event-store';
export { eventStoreMigrations } from './postgres/schema';
export * from './open-event-store';
export * from './named-checkpoint';
