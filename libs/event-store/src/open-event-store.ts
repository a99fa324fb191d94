import { Database } from '@recourse/database';
import { EventStore } from './port';
import { PostgresEventStore } from './postgres/postgres-event-store';

export interface EventStoreOptions {
  /** kurrentdb://… or esdb://… ; without it, the PostgreSQL adapter over `database` */
  eventStoreUrl?: string;
  /** used (and migrated) when there is no eventStoreUrl; never closed by the store */
  database: Database;
}

export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  if (options.eventStoreUrl) throw new Error('the KurrentDB adapter is not built yet');
  return PostgresEventStore.create(options.database);
}
