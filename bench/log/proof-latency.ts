import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@recourse/config';
import { appendLeaves, frontierAfter, type StoredNode } from '@recourse/transparency';
import { insertNodes, merkleTreeOf, migrateTransparencyLog } from '@recourse/transparency-log';
import { createApp } from '../../apps/api/src/create-app';
import { percentile } from '../percentile';
import { log, scratchDatabase } from './database';

const LEAVES = Number(process.env.BENCH_LOG_LEAVES ?? 1_000_000);
const INSERT_BATCH = 50_000;
const SAMPLES = 500;
/** untimed proofs first: the pool's connections opened, the statement prepared */
const WARM_UP = 50;

/**
 * p50/p99 of inclusion and consistency proofs from a PostgreSQL tree of LEAVES leaves: from the
 * library (the database round trip and the hashing) and from the public endpoints over HTTP
 * (one client, one request at a time), each after a short warm-up.
 */
export async function proofLatency() {
  const db = await scratchDatabase(6);
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-log-proofs-'));
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
      frontier = frontierAfter(size + count, frontier, nodes);
    }
    // the leaves, which the level-0 nodes are hashed from (the same data as above)
    await db.query(
      `INSERT INTO log_leaves (log_index, commit, prepare, leaf)
       SELECT i, 1, i, lpad(to_hex(i), 64, '0') FROM generate_series(0, $1::bigint - 1) AS i`,
      [LEAVES],
    );
    // the head the endpoints check sizes against (its store position is not read by them)
    await db.query(`INSERT INTO log_tree_head (size, commit, prepare) VALUES ($1, 1, 1)`, [LEAVES]);
    await db.query('ANALYZE log_tree_nodes, log_leaves');
    log(`tree of ${LEAVES} leaves loaded in ${Math.round((Date.now() - started) / 1000)} s`);

    const tree = merkleTreeOf(db);
    const inclusion = await latency(() => tree.inclusionProof(random(LEAVES), LEAVES));
    const consistency = await latency(() => tree.consistencyProof(1 + random(LEAVES - 1), LEAVES));
    log(
      `library: inclusion ${JSON.stringify(inclusion)}, consistency ${JSON.stringify(consistency)}`,
    );

    const app = await createApp(
      loadConfig({
        AUTH_JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
        RECOURSE_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
      }),
      { database: db },
    );
    await app.listen(0, '127.0.0.1');
    let http;
    try {
      const url = `${await app.getUrl()}/v1/log/proof`;
      const get = async (path: string) => {
        const response = await fetch(`${url}/${path}`);
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        await response.json();
      };
      http = {
        inclusion: await latency(() =>
          get(`inclusion?logIndex=${random(LEAVES)}&treeSize=${LEAVES}`),
        ),
        consistency: await latency(() =>
          get(`consistency?from=${1 + random(LEAVES - 1)}&to=${LEAVES}`),
        ),
      };
    } finally {
      await app.close();
    }
    log(`over HTTP: ${JSON.stringify(http)}`);
    return {
      leaves: LEAVES,
      samples: SAMPLES,
      inclusion,
      consistency,
      http,
      target: 'p99 < 10 ms',
    };
  } finally {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function latency(run: () => Promise<unknown>) {
  for (let i = 0; i < WARM_UP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)) };
}

const random = (max: number) => Math.floor(Math.random() * max);
const round = (ms: number): number => Math.round(ms * 100) / 100;
