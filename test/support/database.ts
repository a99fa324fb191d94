import { randomBytes } from 'node:crypto';
import { Database, openDatabase, quoteIdentifier } from '@recourse/database';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type TestDatabase = Database & { readonly schema: string };

/** A fresh schema `t_<random>` on the test server; close() drops it (CASCADE) and ends the pool. */
export async function openTestDatabase(
  options: { maxConnections?: number; url?: string } = {},
): Promise<TestDatabase> {
  const schema = `t_${randomBytes(8).toString('hex')}`;
  const db = await openDatabase({
    url: options.url ?? TEST_DATABASE_URL,
    schema,
    maxConnections: options.maxConnections,
  });
  return {
    kind: db.kind,
    schema,
    query: (text, params) => db.query(text, params),
    transaction: (fn) => db.transaction(fn),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: async () => {
      try {
        await db.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      } finally {
        await db.close();
      }
    },
  };
}
