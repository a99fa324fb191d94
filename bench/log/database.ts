import { randomBytes } from 'node:crypto';
import { openDatabase, quoteIdentifier, type Database } from '@recourse/database';

export const DATABASE_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
export const ROUNDS = 3;

/** A fresh schema, dropped by the returned close(). */
export async function scratchDatabase(
  maxConnections = 20,
): Promise<Database & { drop(): Promise<void> }> {
  const schema = `bench_log_${randomBytes(4).toString('hex')}`;
  const db = await openDatabase({ url: DATABASE_URL, schema, maxConnections });
  return Object.assign(db, {
    drop: async () => {
      await db.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`);
      await db.close();
    },
  });
}

export const ratio = (a: number, b: number): number => Math.round((a / b) * 1000) / 1000;
export const log = (text: string): void => void process.stderr.write(`${text}\n`);
