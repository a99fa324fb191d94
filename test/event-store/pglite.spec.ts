import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@recourse/database';
import { openEventStore, verifyChain } from '@recourse/event-store';
import { eventStoreConformance } from './conformance';
import { tamperWithSql } from './postgres-tamper';

eventStoreConformance('PGlite', { lateCommit: false, tampering: true }, async () => {
  const db = await openDatabase({ dataDir: 'memory://' });
  const store = await openEventStore({ database: db });
  return {
    store,
    tamper: tamperWithSql(db),
    async close() {
      await store.close();
      await db.close();
    },
  };
});

describe('PostgreSQL adapter on PGlite with a data directory', () => {
  it('keeps the events, chained, across a restart', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'recourse-events-'));
    const stream = `case-${randomUUID()}`;
    const metadata = {
      actor: { id: 'u1', role: 'citizen' },
      occurredAt: '2026-06-13T08:10:00.000Z',
    };
    const filed = { id: randomUUID(), type: 'CaseFiled', data: { kind: 'appeal' }, metadata };
    const noted = { id: randomUUID(), type: 'NoteAdded', data: { text: 'x' }, metadata };
    try {
      const first = await openDatabase({ dataDir });
      await (
        await openEventStore({ database: first })
      ).appendToStream(stream, [filed], 'no-stream');
      await first.close();

      const second = await openDatabase({ dataDir });
      const store = await openEventStore({ database: second });
      await store.appendToStream(stream, [noted], 0);
      const events = await store.readStream(stream);
      await store.close();
      await second.close();
      expect(events.map((event) => event.id)).toEqual([filed.id, noted.id]);
      expect(verifyChain(stream, events).verified).toBe(true);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
