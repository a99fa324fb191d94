import { Database, DatabaseOptions } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/** Real PostgreSQL when `url` is given, otherwise PGlite under `dataDir` ('memory://' = throwaway). */
export function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    return openPostgresDatabase({
      url: options.url,
      schema: options.schema,
      maxConnections: options.maxConnections,
    });
  }
  if (options.dataDir)
    return openPgliteDatabase({ dataDir: options.dataDir, schema: options.schema });
  throw new Error(
    'openDatabase needs either url (postgres://…) or dataDir (a directory, or memory://)',
  );
}
