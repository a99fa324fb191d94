import { isConnectionError, openDatabase, type Database } from '@recourse/database';
import { eventually } from '../support/eventually';
import { PrivatePostgres } from '../support/private-postgres';

/**
 * The database seam through a PostgreSQL that goes away: sessions terminated by an
 * administrator, the server restarted. Nothing may crash the process; calls made meanwhile fail
 * with an error that says "connection", and calls made afterwards work.
 */
describe('Database (PostgreSQL) through an outage', () => {
  let server: PrivatePostgres;
  let db: Database;

  beforeAll(async () => {
    server = await PrivatePostgres.start();
    db = await openDatabase({ url: server.url, schema: 'outage', maxConnections: 4 });
    await db.query('CREATE TABLE IF NOT EXISTS t (n int)');
  });
  afterAll(async () => {
    await db?.close();
    await server?.destroy();
  });

  it('fails a transaction whose session is terminated, without an unhandled error', async () => {
    const running = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (1)');
      await tx.query('SELECT pg_sleep(30)');
    });
    const outcome = running.then(
      () => 'committed',
      (error: unknown) => error,
    );
    await eventually(async () => (await server.terminateBackends()) > 0);
    const error = await outcome;
    expect(isConnectionError(error)).toBe(true);
    // the broken connection was not returned to the pool: the next calls work
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (2)'));
    const { rows } = await db.query<{ n: number }>('SELECT n FROM t ORDER BY n');
    expect(rows).toEqual([{ n: 2 }]);
  });

  it('answers connection errors while the server is down and works again once it is back', async () => {
    // idle pooled connections and a transaction in progress all lose their server
    const busy = db
      .transaction((tx) => tx.query('SELECT pg_sleep(30)'))
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.stopServer('immediate');
    expect(isConnectionError(await busy)).toBe(true);
    const whileDown = await db.query('SELECT 1').catch((error: unknown) => error);
    expect(isConnectionError(whileDown)).toBe(true);
    const txWhileDown = await db
      .transaction((tx) => tx.query('SELECT 1'))
      .catch((error: unknown) => error);
    expect(isConnectionError(txWhileDown)).toBe(true);
    await server.startServer();
    await eventually(() =>
      db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
    );
    await db.transaction((tx) => tx.query('INSERT INTO t VALUES (3)'));
    expect((await db.query('SELECT count(*)::int AS n FROM t')).rows).toEqual([{ n: 2 }]);
  });

  it('keeps LISTEN working across a restart', async () => {
    const payloads: string[] = [];
    const stop = await db.listen('outage_channel', (payload) => payloads.push(payload));
    await server.restart('fast');
    await eventually(async () => {
      await db.query(`SELECT pg_notify('outage_channel', 'after')`).catch(() => undefined);
      return payloads.includes('after');
    });
    await stop();
  });
});
