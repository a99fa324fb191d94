import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, migrate, openDatabase } from '@recourse/database';
import { openTestDatabase, TestDatabase } from '../support/database';

const migrations = [
  {
    id: '001',
    sql: 'CREATE TABLE things (id int PRIMARY KEY, big bigint); CREATE INDEX things_big ON things (big);',
  },
  { id: '002', sql: 'ALTER TABLE things ADD COLUMN name text' },
];

function behavesLikeADatabase(open: () => Promise<Database>): void {
  let db: Database;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db.close());

  it('migrates once even when starters race, and returns int8 as a string', async () => {
    await Promise.all([migrate(db, 'things', migrations), migrate(db, 'things', migrations)]);
    await migrate(db, 'things', migrations);
    const applied = await db.query<{ id: string }>(
      "SELECT id FROM schema_migrations WHERE component = 'things' ORDER BY id",
    );
    expect(applied.rows.map((row) => row.id)).toEqual(['001', '002']);
    await db.query('INSERT INTO things (id, big, name) VALUES ($1, $2, $3)', [
      1,
      '9007199254740993',
      'a',
    ]);
    const { rows } = await db.query<{ big: string }>('SELECT big FROM things WHERE id = $1', [1]);
    expect(rows).toEqual([{ big: '9007199254740993' }]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.query('INSERT INTO things (id) VALUES ($1)', [2]));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO things (id) VALUES ($1)', [3]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const { rows } = await db.query<{ id: number }>(
      'SELECT id FROM things WHERE id IN (2, 3) ORDER BY id',
    );
    expect(rows).toEqual([{ id: 2 }]);
  });

  it('delivers notifications to listeners until they stop listening', async () => {
    const payloads: string[] = [];
    let notified!: () => void;
    const arrived = new Promise<void>((resolve) => (notified = resolve));
    const stop = await db.listen('things_changed', (payload) => {
      payloads.push(payload);
      notified();
    });
    await db.query("SELECT pg_notify('things_changed', $1)", ['hello']);
    await arrived;
    await stop();
    await db.query("SELECT pg_notify('things_changed', $1)", ['ignored']);
    await db.query('SELECT 1');
    expect(payloads).toEqual(['hello']);
  });
}

describe('Database on real PostgreSQL', () => {
  behavesLikeADatabase(openTestDatabase);

  it('isolates schemas and drops its schema on close', async () => {
    const first: TestDatabase = await openTestDatabase();
    const second = await openTestDatabase();
    await first.query('CREATE TABLE only_here (x int)');
    await expect(second.query('SELECT * FROM only_here')).rejects.toThrow(/does not exist/);
    await first.close();
    const { rows } = await second.query(
      'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1',
      [first.schema],
    );
    await second.close();
    expect(rows).toEqual([]);
  });
});

describe('Database on PGlite', () => {
  behavesLikeADatabase(() => openDatabase({ dataDir: 'memory://', schema: 'app' }));

  it('keeps its data in dataDir across restarts', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'recourse-pglite-'));
    try {
      const first = await openDatabase({ dataDir });
      await first.query('CREATE TABLE kept (x int); INSERT INTO kept VALUES (7);');
      await first.close();
      const second = await openDatabase({ dataDir });
      const { rows } = await second.query('SELECT x FROM kept');
      await second.close();
      expect(rows).toEqual([{ x: 7 }]);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
