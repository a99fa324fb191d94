import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { PostgresEventStore } from '@recourse/event-store';
import { migrateTransparencyLog, TreeProjector } from '@recourse/transparency-log';
import { log, ratio, ROUNDS, scratchDatabase, SECONDS } from './database';

const WRITERS = 16;
/** the first round is always slow (connections, prepared statements, a cold table): not counted */
const WARM_UP = 1;
const APPEND_ROUNDS = Math.max(ROUNDS, 5);

/**
 * Appends/s by 16 writers for SECONDS, with and without the tree projector, rounds alternating
 * after a warm-up round; the ratio is the median of the rounds' ratios (the machine is shared).
 */
export async function appendThroughput() {
  const db = await scratchDatabase(WRITERS + 6);
  const store = await PostgresEventStore.create(db);
  await migrateTransparencyLog(db);
  const rates = { withTree: [] as number[], without: [] as number[] };
  try {
    for (let round = -WARM_UP; round < APPEND_ROUNDS; round++) {
      for (const withTree of [false, true]) {
        const projector = withTree
          ? new TreeProjector(db, store, { batchSize: 1000, batchWaitMs: 20 })
          : undefined;
        projector?.start();
        const rate = await appendFor(store, SECONDS * 1000);
        await projector?.stop();
        const label = `${round < 0 ? 'warm-up ' : ''}appends ${withTree ? 'with tree' : 'without  '}`;
        log(`${label}: ${Math.round(rate)}/s, load ${loadavg()[0].toFixed(2)}`);
        if (round >= 0) (withTree ? rates.withTree : rates.without).push(rate);
      }
    }
  } finally {
    await store.close();
    await db.drop();
  }
  const ratios = rates.withTree.map((rate, round) => ratio(rate, rates.without[round]));
  return {
    writers: WRITERS,
    rounds: APPEND_ROUNDS,
    appendsPerSecondWithTree: Math.round(median(rates.withTree)),
    appendsPerSecondWithout: Math.round(median(rates.without)),
    ratiosByRound: ratios,
    ratio: median(ratios),
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

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
