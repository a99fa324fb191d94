import type { INestApplication } from '@nestjs/common';
import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CaseCommandService } from '@recourse/commands';
import { loadConfig } from '@recourse/config';
import { EVENT_STORE } from '@recourse/infrastructure';
import { START, type EventStore } from '@recourse/event-store';
import { partitionQueueName, resolveProjectionOptions } from '@recourse/projections';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { PrivateRedis } from '../faults/private-redis';
import { startTestApp, TEST_JWT_SECRET } from '../support/app';
import { openTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { citizen } from '../projections/support';
import { fileAppealCommand } from '../support/fixtures';

/** the value of one series in a Prometheus text exposition; undefined when it is absent */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const PARTITIONS = resolveProjectionOptions().partitions;

const partitionCheckpointAges = (text: string): number[] =>
  text
    .split('\n')
    .filter((l) =>
      l.startsWith('recourse_checkpoint_age_seconds{checkpoint="projection/partition/'),
    )
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));

describe('the worker process on WORKER_PORT (real PostgreSQL, private Redis)', () => {
  let redis: PrivateRedis;
  let database: TestDatabase;
  let dataDir: string;
  let app: INestApplication;
  let scrape: () => Promise<string>;
  /** the app's BullMQ workers connected before a test stopped Redis */
  let workersConnected = 0;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    database = await openTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'recourse-worker-http-'));
    const config = loadConfig({
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      RECOURSE_DATA_DIR: dataDir,
      REDIS_URL: redis.url,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    });
    app = await createWorkerApp(config, { database });
    await app.listen(0, '127.0.0.1');
    scrape = async () => {
      const res = await request(app.getHttpServer()).get('/metrics');
      expect(res.status).toBe(200);
      return res.text;
    };
  });
  afterAll(async () => {
    // killed by a test: back, so that the app closes its queues cleanly
    await redis.startServerAwaitingWorkers(workersConnected);
    await app?.close();
    await database?.close();
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Appends a filed appeal through the worker's own command path. */
  const fileAppeal = async (): Promise<void> => {
    const caseId = randomUUID();
    await app.get(CaseCommandService).execute(caseId, fileAppealCommand(caseId), {
      actor: citizen('alice'),
      correlationId: randomUUID(),
    });
  };

  it('shows the projection lag rising while the partitions are paused and back at 0 after', async () => {
    let text = await eventually(async () => {
      const t = await scrape();
      return sample(t, 'recourse_projection_lag_events') === 0 && t;
    });
    expect(sample(text, 'recourse_projection_lag_seconds')).toBe(0);
    for (let k = 0; k < PARTITIONS; k++) {
      expect(sample(text, 'recourse_projection_queue_depth', `partition="${k}"`)).toBe(0);
    }

    const queues = Array.from(
      { length: PARTITIONS },
      (_, k) =>
        new Queue(partitionQueueName(k), { connection: { url: redis.url }, prefix: 'recourse' }),
    );
    try {
      await Promise.all(queues.map((queue) => queue.pause()));
      for (let i = 0; i < 3; i++) await fileAppeal();

      // the feeder hands the events to Redis; no worker takes them
      const depth = (t: string) =>
        queues.reduce(
          (sum, _, k) =>
            sum + (sample(t, 'recourse_projection_queue_depth', `partition="${k}"`) ?? 0),
          0,
        );
      // and the deadline scheduler arms their timers, two an appeal (acknowledge, respond), saving
      // its checkpoint every 500 ms
      const schedulerAge = (t: string) =>
        sample(t, 'recourse_checkpoint_age_seconds', 'checkpoint="deadline-scheduler"');
      text = await eventually(async () => {
        const t = await scrape();
        return (
          // one CaseFiled each; the store shows an event once no earlier transaction can commit
          sample(t, 'recourse_projection_lag_events') === 3 &&
          depth(t) > 0 &&
          sample(t, 'recourse_checkpoint_age_seconds', 'checkpoint="feeder"') !== undefined &&
          (sample(t, 'recourse_projection_lag_seconds') ?? 0) >= 0.2 &&
          sample(t, 'recourse_timers_pending', 'timers="deadlines"') === 6 &&
          schedulerAge(t) !== undefined &&
          t
        );
      });
      expect((await app.get<EventStore>(EVENT_STORE).readAll(START, 100)).length).toBe(3);
      expect(schedulerAge(text)).toBeLessThan(20);
      expect(partitionCheckpointAges(text)).toEqual([]); // none has applied anything

      await Promise.all(queues.map((queue) => queue.resume()));
      text = await eventually(async () => {
        const t = await scrape();
        return sample(t, 'recourse_projection_lag_events') === 0 && depth(t) === 0 && t;
      });
      expect(sample(text, 'recourse_projection_lag_seconds')).toBe(0);
      // the partitions that applied the events have just advanced
      const ages = partitionCheckpointAges(text);
      expect(ages.length).toBeGreaterThan(0);
      expect(Math.max(...ages)).toBeLessThan(20);
    } finally {
      await Promise.all(queues.map((queue) => queue.resume().finally(() => queue.close())));
    }
  });

  it('answers /health 200 while its stores answer, 503 problem+json when its Redis is gone', async () => {
    const up = await request(app.getHttpServer()).get('/health');
    expect(up.status).toBe(200);
    expect(up.body).toEqual({
      ready: true,
      checks: { database: { status: 'up' }, eventStore: { status: 'up' }, redis: { status: 'up' } },
    });

    workersConnected = await redis.workerConnections();
    await redis.kill();
    const down = await request(app.getHttpServer()).get('/health');
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body).toMatchObject({
      type: 'https://recourse.example/problems/not-ready',
      status: 503,
      detail: 'Unavailable: redis',
      checks: { redis: { status: 'down' } },
    });
    // still scraped: what Redis would tell is left out, the rest is there
    const text = await scrape();
    expect(sample(text, 'recourse_projection_queue_depth', 'partition="0"')).toBeUndefined();
    expect(sample(text, 'recourse_projection_lag_events')).toBe(0);
  });
});

describe('all-in-one (npm start): the API serves the worker gauges on its own /metrics', () => {
  it('has the lag and timer gauges, and no queue depth without Redis', async () => {
    const t = await startTestApp({ worker: true });
    try {
      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(sample(res.text, 'recourse_projection_lag_events')).toBe(0);
      expect(sample(res.text, 'recourse_projection_lag_seconds')).toBe(0);
      expect(sample(res.text, 'recourse_timers_pending', 'timers="deadlines"')).toBe(0);
      expect(res.text).not.toContain('recourse_projection_queue_depth');
    } finally {
      await t.close();
    }
  });
});
