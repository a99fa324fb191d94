import { PGlite, Results, Transaction } from '@electric-sql/pglite';
import { lockDataDirectory } from './data-directory-lock';
import { Database, QueryResult, Sql } from './database';
import { quoteIdentifier } from './identifier';

const INT8 = 20;

/**
 * Embedded PostgreSQL: one in-process PGlite connection. Transactions use PGlite's own, which
 * hold the connection for their whole duration, so concurrent callers are serialised.
 */
export async function openPgliteDatabase(options: {
  dataDir: string;
  schema?: string;
}): Promise<Database> {
  // a directory on disk is this process's alone (memory://, idb:// … have a scheme)
  const unlock = /^[a-z]+:\/\//.test(options.dataDir)
    ? () => undefined
    : lockDataDirectory(options.dataDir);
  try {
    return await openLocked(options, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

async function openLocked(
  options: { dataDir: string; schema?: string },
  unlock: () => void,
): Promise<Database> {
  // int8 comes back as a string, as with `pg`, so callers see the same types on both engines
  const pglite = await PGlite.create(options.dataDir, {
    parsers: { [INT8]: (value: string) => value },
  }).catch((error: unknown) => {
    if ((error as { code?: string }).code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG') {
      throw new Error(
        'PGlite under Jest needs node --experimental-vm-modules: run the tests with `npm test`',
        {
          cause: error,
        },
      );
    }
    throw error;
  });
  if (options.schema) {
    const schema = quoteIdentifier(options.schema);
    await pglite.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};`);
  }
  return new PgliteDatabase(pglite, unlock);
}

type Queryable = Pick<Transaction, 'query' | 'exec'>;

/**
 * Without parameters the text may hold several statements (migrations), as with `pg`'s simple
 * query protocol; the last statement's result is the answer.
 */
async function run<T>(
  target: Queryable,
  text: string,
  params?: unknown[],
): Promise<QueryResult<T>> {
  if (params && params.length > 0) return toResult<T>(await target.query<T>(text, params));
  const results = await target.exec(text);
  return toResult<T>(results[results.length - 1] as Results<T>);
}

function toResult<T>(result: Results<T> | undefined): QueryResult<T> {
  return { rows: result?.rows ?? [], rowCount: result?.rowCount ?? result?.affectedRows ?? 0 };
}

class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;

  constructor(
    private readonly pglite: PGlite,
    private readonly unlock: () => void,
  ) {}

  query<T>(text: string, params?: unknown[]): Promise<QueryResult<T>> {
    return run<T>(this.pglite, text, params);
  }

  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    return this.pglite.transaction((tx) => fn({ query: (text, params) => run(tx, text, params) }));
  }

  async listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    const unlisten = await this.pglite.listen(quoteIdentifier(channel), onNotify);
    return async () => {
      if (!this.pglite.closed) await unlisten();
    };
  }

  async close(): Promise<void> {
    if (this.pglite.closed) return;
    await this.pglite.close();
    this.unlock();
  }
}
