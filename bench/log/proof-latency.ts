import { appendLeaves, frontierOf, nodeKey, type StoredNode } from '@recourse/transparency';
import { insertNodes, merkleTreeOf, migrateTransparencyLog } from '@recourse/transparency-log';
import { percentile } from '../percentile';
import { log, scratchDatabase } from './database';

const LEAVES = Number(process.env.BENCH_LOG_LEAVES ?? 1_000_000);
const INSERT_BATCH = 50_000;
const SAMPLES = 500;

/** p50/p99 of inclusion and consistency proofs from a PostgreSQL tree of LEAVES leaves. */
export async function proofLatency() {
  const db = await scratchDatabase(4);
  try {
    await migrateTransparencyLog(db);
    const started = Date.now();
    // the nodes the projector would store, computed in memory and loaded in batches
    let frontier: StoredNode[] = [];
    for (let size = 0; size < LEAVES; size += INSERT_BATCH) {
      const count = Math.min(INSERT_BATCH, LEAVES - size);
      const leaves = Array.from({ length: count }, (_, i) =>
        Buffer.from((size + i).toString(16).padStart(64, '0'), 'ascii'),
      );
      const nodes = appendLeaves(size, frontier, leaves);
      await insertNodes(db, nodes);
      const byKey = new Map([...frontier, ...nodes].map((n) => [nodeKey(n), n]));
      frontier = frontierOf(size + count).map((id) => byKey.get(nodeKey(id))!);
    }
    await db.query('ANALYZE log_tree_nodes');
    log(`tree of ${LEAVES} leaves loaded in ${Math.round((Date.now() - started) / 1000)} s`);
    const tree = merkleTreeOf(db);
    const random = (max: number) => Math.floor(Math.random() * max);
    const time = async (run: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        const t0 = process.hrtime.bigint();
        await run();
        times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      times.sort((a, b) => a - b);
      return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) };
    };
    const inclusion = await time(() => tree.inclusionProof(random(LEAVES), LEAVES));
    const consistency = await time(() => tree.consistencyProof(1 + random(LEAVES - 1), LEAVES));
    log(
      `proofs: inclusion ${JSON.stringify(inclusion)}, consistency ${JSON.stringify(consistency)}`,
    );
    return { leaves: LEAVES, samples: SAMPLES, inclusion, consistency, target: 'p99 < 10 ms' };
  } finally {
    await db.drop();
  }
}

const round = (ms: number): number => Math.round(ms * 100) / 100;
