import { Database } from '@recourse/database';
import { KurrentEventStore } from './kurrent/kurrent-event-store';
import { EventStore } from './port';
import { PostgresEventStore } from './postgres/postgres-event-store';

export interface EventStoreOptions {
  /** kurrentdb://… or esdb://… ; without it, the PostgreSQL adapter over `database` */
  eventStoreUrl?: string;
  /** used (and migrated) when there is no eventStoreUrl; never closed by the store */
  database: Database;
}

export async function openEventStore(options: EventStoreOptions): Promise<EventStore> {
  if (options.eventStoreUrl) return KurrentEventStore.connect(options.eventStoreUrl);
  return PostgresEventStore.create(options.database);
}
