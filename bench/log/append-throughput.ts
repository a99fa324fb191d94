import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@recourse/event-store';
import { migrateTransparencyLog, TreeProjector } from '@recourse/transparency-log';
import { log, ratio, ROUNDS, scratchDatabase, SECONDS } from './database';

const WRITERS = 16;

/** Appends/s by 16 writers for SECONDS, with and without the tree projector, rounds alternating. */
export async function appendThroughput() {
  const db = await scratchDatabase(WRITERS + 6);
  const store = await PostgresEventStore.create(db);
  await migrateTransparencyLog(db);
  const rates = { withTree: [] as number[], without: [] as number[] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const withTree of [false, true]) {
        const projector = withTree
          ? new TreeProjector(db, store, { batchSize: 1000, batchWaitMs: 20 })
          : undefined;
        projector?.start();
        const rate = await appendFor(store, SECONDS * 1000);
        await projector?.stop();
        (withTree ? rates.withTree : rates.without).push(rate);
        log(`appends ${withTree ? 'with tree' : 'without  '}: ${Math.round(rate)}/s`);
      }
    }
  } finally {
    await store.close();
    await db.drop();
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    writers: WRITERS,
    appendsPerSecondWithTree: Math.round(sum(rates.withTree) / ROUNDS),
    appendsPerSecondWithout: Math.round(sum(rates.without) / ROUNDS),
    ratio: ratio(sum(rates.withTree), sum(rates.without)),
    target: '>= 0.8',
  };
}

async function appendFor(store: PostgresEventStore, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let appended = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      const stream = `case-${randomUUID()}`;
      for (let revision = -1; Date.now() < until; revision++) {
        await store.appendToStream(
          stream,
          [
            {
              id: randomUUID(),
              type: 'NoteAdded',
              data: { text: 'a note of ordinary length for a case file' },
              metadata: {
                actor: { id: 'cw-1', role: 'caseworker' },
                occurredAt: new Date().toISOString(),
              },
            },
          ],
          revision < 0 ? 'no-stream' : revision,
        );
        appended += 1;
      }
    }),
  );
  return appended / (ms / 1000);
}
