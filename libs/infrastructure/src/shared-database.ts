import { openDatabase, type Database, type DatabaseOptions } from '@recourse/database';

/**
 * One Database per store per process. PGlite serves a single connection, so when api and worker
 * modules run in one process (or forRoot is called twice) they must share the instance; the
 * last release closes it.
 */
const open = new Map<string, { database: Promise<Database>; users: number }>();

export async function acquireDatabase(options: DatabaseOptions): Promise<Database> {
  const key = options.url ?? `pglite:${options.dataDir}`;
  let entry = open.get(key);
  if (!entry) {
    entry = { database: Promise.resolve(openDatabase(options)), users: 0 };
    open.set(key, entry);
    entry.database.catch(() => open.delete(key));
  }
  entry.users += 1;
  return entry.database;
}

export async function releaseDatabase(database: Database): Promise<void> {
  for (const [key, entry] of open) {
    if ((await entry.database) !== database) continue;
    entry.users -= 1;
    if (entry.users > 0) return;
    open.delete(key);
    await database.close();
    return;
  }
}
