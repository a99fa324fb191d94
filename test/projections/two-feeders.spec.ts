import IORedis from 'ioredis';
import { Metrics } from '@recourse/observability';
import {
  epochKey,
  ProjectionFeeder,
  ProjectionWorkers,
  resolveProjectionOptions,
  type ResolvedProjectionOptions,
} from '@recourse/projections';
import { PrivateRedis } from '../faults/private-redis';
import { eventually } from '../support/eventually';
import {
  caseworker,
  file,
  openStores,
  projectedMatchesStore,
  quietNestLogs,
  run,
  uniquePrefix,
  type Stores,
} from './support';

/** A worker process's projection pipeline: its own Redis connection, feeder and workers. */
interface Pipeline {
  feeder: ProjectionFeeder;
  stop(): Promise<void>;
}

/**
 * Every worker process runs a feeder. Finding Redis empty (first start, a restart without its
 * data), they must begin one feed between them: one epoch, the checkpoint reset once. Each used to
 * set an epoch of its own, each then took the other's for a lost Redis, and round it went ("Redis
 * holds no queues" every second) until one of them happened to save a checkpoint first.
 */
describe('two feeders on one Redis', () => {
  beforeAll(() => quietNestLogs());

  let redis: PrivateRedis;
  let stores: Stores;
  let options: ResolvedProjectionOptions;
  let pipelines: Pipeline[] = [];

  beforeEach(async () => {
    redis = await PrivateRedis.start();
    stores = await openStores();
    options = resolveProjectionOptions({
      prefix: uniquePrefix(),
      partitions: 2,
      backoffMs: 20,
      redisCheckMs: 100,
    });
  });
  afterEach(async () => {
    for (const pipeline of pipelines.splice(0)) await pipeline.stop();
    await stores.close();
    await redis.stop();
  });

  const startPipeline = async (): Promise<Pipeline> => {
    const connection = new IORedis(redis.url, { maxRetriesPerRequest: null });
    const workers = new ProjectionWorkers(
      stores.db,
      stores.store,
      connection,
      options,
      new Metrics(),
    );
    const feeder = new ProjectionFeeder(stores.db, stores.store, connection, options);
    await workers.start();
    await feeder.start();
    return {
      feeder,
      stop: async () => {
        await feeder.stop();
        await workers.stop();
        await connection.quit();
      },
    };
  };
  const startTwo = async () => {
    pipelines = await Promise.all([startPipeline(), startPipeline()]);
  };

  /** every epoch Redis holds over `ms` (read every 20 ms; none while Redis is away) */
  const epochsOver = async (ms: number): Promise<Set<string>> => {
    const client = new IORedis(redis.url, { maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    const seen = new Set<string>();
    try {
      for (const until = Date.now() + ms; Date.now() < until;) {
        const epoch = await client.get(epochKey(options.prefix)).catch(() => null);
        if (epoch !== null) seen.add(epoch);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      client.disconnect();
    }
    return seen;
  };
  const feedOfRecord = async () =>
    (await stores.db.query<{ epoch: string }>('SELECT epoch FROM feeder_feed')).rows[0]?.epoch;

  it('begin one feed on an empty Redis and keep it, with nothing to hand', async () => {
    await startTwo();
    const epochs = await epochsOver(2_000);
    expect(epochs.size).toBe(1);
    expect(await feedOfRecord()).toBe([...epochs][0]);
  });

  it('begin one new feed after Redis restarted empty, and lose nothing', async () => {
    await startTwo();
    const cw = caseworker('cw-1');
    const before = await Promise.all(Array.from({ length: 10 }, (_, i) => file(stores, `a-${i}`)));
    await eventually(() => projectedMatchesStore(stores.db, stores.store), 20_000);
    const [first] = await epochsOver(100);

    await redis.restartEmpty();
    const watching = epochsOver(3_000);
    await Promise.all([
      ...before.map((id) => run(stores, id, { type: 'AcknowledgeCase' }, cw)),
      ...Array.from({ length: 10 }, (_, i) => file(stores, `b-${i}`)),
    ]);
    const after = await watching;

    expect(after.size).toBe(1);
    expect(after.has(first)).toBe(false);
    await eventually(
      () => projectedMatchesStore(stores.db, stores.store),
      20_000,
      'events were lost',
    );
    expect(await feedOfRecord()).toBe([...after][0]);
  });
});
