import { NewEvent, PostgresEventStore } from '@recourse/event-store';
import { openTestDatabase } from '../support/database';
import { eventStoreConformance } from './conformance';
import { tamperWithSql } from './postgres-tamper';

eventStoreConformance('PostgreSQL', { lateCommit: true, tampering: true }, async () => {
  const db = await openTestDatabase({ maxConnections: 24 });
  const store = await PostgresEventStore.create(db);
  return {
    store,
    tamper: tamperWithSql(db),
    async appendHeldOpen(stream: string, events: NewEvent[]) {
      let commit!: () => void;
      const committing = new Promise<void>((resolve) => (commit = resolve));
      let appended!: () => void;
      const inserted = new Promise<void>((resolve) => (appended = resolve));
      const transaction = db.transaction(async (tx) => {
        await store.appendToStreamIn(tx, stream, events, 'no-stream');
        appended();
        await committing;
      });
      await Promise.race([inserted, transaction]);
      return {
        commit: async () => {
          commit();
          await transaction;
        },
      };
    },
    async close() {
      await store.close();
      await db.close();
    },
  };
});
