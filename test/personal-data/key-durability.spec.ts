import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase, type Database } from '@recourse/database';
import { PostgresEventStore } from '@recourse/event-store';
import { PersonalDataService } from '@recourse/personal-data';
import { PrivatePostgres } from '../support/private-postgres';

// A new citizen's data key commits without waiting for its own WAL flush: the append that uses
// it flushes it (DataKeyStoreOptions.keysFlushedByAppends). A crash (immediate stop: what the
// WAL buffers held is gone) right after a filing keeps both; a key whose append never came may
// be lost, and is then not used again.
describe('new data keys and the appends that flush them (private PostgreSQL, crashed)', () => {
  let server: PrivatePostgres;
  let db: Database;
  let store: PostgresEventStore;
  let personalData: PersonalDataService;
  const config = { kek: randomBytes(32).toString('base64') };
  const now = new Date('2026-06-15T01:00:00Z');

  const open = async () => {
    db = await openDatabase({ url: server.url, schema: 'keys', maxConnections: 4 });
    store = await PostgresEventStore.create(db);
    personalData = new PersonalDataService(db, config);
    await personalData.onModuleInit();
  };
  const close = async () => {
    await personalData?.onModuleDestroy();
    await store?.close();
    await db?.close();
  };

  beforeAll(async () => {
    server = await PrivatePostgres.start();
    await open();
  });
  afterAll(async () => {
    await close();
    await server?.destroy();
  });

  it('keeps the key of an event appended just before a crash', async () => {
    const stream = `case-${randomUUID()}`;
    const sealed = (await personalData.sealerFor('newcomer', now)).seal('Zhao Xiaoyan');
    await store.appendToStream(
      stream,
      [
        {
          id: randomUUID(),
          type: 'CaseFiled',
          data: { name: sealed },
          metadata: { actor: { id: 'newcomer', role: 'citizen' }, occurredAt: now.toISOString() },
        },
      ],
      'no-stream',
    );

    await close();
    await server.stopServer('immediate');
    await server.startServer();
    await open();

    const [event] = await store.readStream(stream);
    expect(event.data).toEqual({ name: sealed });
    expect(await personalData.open(event.data)).toEqual({ name: 'Zhao Xiaoyan' });
  });

  it('does not seal under a new key it has not read back: one lost with its append is not used again', async () => {
    const kid = async () => (await personalData.sealerFor('left-alone', now)).seal('x').$enc.kid;
    const first = await kid();
    // what a crash before the append may do to a key that nothing flushed
    await db.query('DELETE FROM personal_data_keys WHERE kid = $1', [first]);

    const second = await kid();

    expect(second).not.toBe(first);
    // read back, it is kept: the next commands seal under it without asking
    expect(await kid()).toBe(second);
    await db.query('DELETE FROM personal_data_keys WHERE kid = $1', [second]);
    expect(await kid()).toBe(second);
  });
});
