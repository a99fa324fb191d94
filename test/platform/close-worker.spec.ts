import { closeRedis, closeWorker, openRedis } from '@recourse/infrastructure';
import { PrivateRedis } from '../faults/private-redis';

const silent = { log: () => undefined, error: () => undefined, warn: () => undefined };

// BullMQ's Worker.close() never returns while its Redis is away (BullMQ #4656), nor does QUIT on
// a connection that is reconnecting: a stopping process must not hang on either.
describe('closing queue workers and connections while Redis is away', () => {
  let redis: PrivateRedis;

  beforeEach(async () => {
    redis = await PrivateRedis.start();
  });
  afterEach(async () => {
    await redis.stop();
  });

  const redisKilled = async () => {
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 300));
  };

  it('a worker: goes on after the timeout', async () => {
    // given a worker whose close never returns, as BullMQ's while its Redis is away
    const warned: unknown[] = [];
    const worker = { name: 'stuck', close: () => new Promise<void>(() => undefined) };

    // when it is closed with a 1 s timeout
    const started = Date.now();
    await closeWorker(worker, { ...silent, warn: (message) => warned.push(message) }, 1_000);

    // then the shutdown goes on in about that time, and says so
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(warned).toHaveLength(1);
  });

  it('a connection: dropped at once, not left waiting to QUIT', async () => {
    const connection = openRedis(redis.url);
    connection.on('error', () => undefined);
    await connection.ping();
    await redisKilled();

    const started = Date.now();
    await closeRedis(connection);

    expect(Date.now() - started).toBeLessThan(500);
  });
});
