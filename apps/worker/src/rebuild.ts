/**
 * `npm run projections:rebuild`: replays every event into fresh read-model tables and swaps them
 * in atomically, with a progress bar. With PostgreSQL (DATABASE_URL) it can run while the API and
 * workers are up; in embedded mode (PGlite, one process per data directory) stop them first.
 */
import { SingleBar } from 'cli-progress';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '@recourse/config';
import { exitOnStartupFailure } from '@recourse/infrastructure';
import { openDatabase } from '@recourse/database';
import { openEventStore } from '@recourse/event-store';
import { rebuildReadModels } from '@recourse/projections';

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: join(config.dataDir, 'pglite'),
  });
  const store = await openEventStore({ eventStoreUrl: config.eventStoreUrl, database: db });
  const total = await countEvents(db);
  const bar = new SingleBar({
    format:
      'rebuild [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}',
    etaBuffer: 50,
  });
  const started = Date.now();
  bar.start(total ?? 0, 0, { speed: 0 });
  try {
    const result = await rebuildReadModels(db, store, {
      onProgress: ({ events }) => {
        const speed = Math.round(events / Math.max((Date.now() - started) / 1000, 0.001));
        if (events > bar.getTotal()) bar.setTotal(events);
        bar.update(events, { speed });
      },
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    pino({ base: undefined }).info(
      { events: result.events, seconds, eventsPerSecond: Math.round(result.events / seconds) },
      'read models rebuilt and swapped in',
    );
  } finally {
    bar.stop();
    await store.close();
    await db.close();
  }
}

/** The bar's total: cheap with the PostgreSQL adapter's table; unknown (grows) otherwise. */
async function countEvents(
  db: Awaited<ReturnType<typeof openDatabase>>,
): Promise<number | undefined> {
  try {
    const { rows } = await db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM event_store_events',
    );
    return Number(rows[0].n);
  } catch {
    return undefined;
  }
}

main().catch(exitOnStartupFailure('rebuild'));
