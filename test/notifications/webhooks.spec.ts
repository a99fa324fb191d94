import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { RecourseConfig } from '@recourse/config';
import type { Database } from '@recourse/database';
import { InfrastructureModule } from '@recourse/infrastructure';
import {
  BullmqDeliveryQueue,
  DELIVERY_DEAD_LETTER_QUEUE,
  DeliverySender,
  NotifierModule,
} from '@recourse/notifications';
import { ProjectionsModule } from '@recourse/projections';
import { quietNestLogs, REDIS_URL, uniquePrefix } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import { TEST_DATABASE_URL, type TestDatabase } from '../support/database';
import { eventually } from '../support/eventually';
import { appealExample } from '../support/fixtures';
import { deleteKeysWithPrefix } from '../support/redis';
import {
  AUTHORITY,
  OTHER_AUTHORITY,
  castOf,
  command,
  fileCase,
  type Cast,
} from '../api/api-fixtures';
import { startReceiver } from './support';

const RETRY = { attempts: 3, backoffMs: 200, lockDurationMs: 1000 };

/** The worker process's side, as `npm run start:worker` composes it, on its own BullMQ prefix. */
@Module({})
class WorkerSide {
  static forRoot(config: RecourseConfig, database: Database, prefix: string): DynamicModule {
    return {
      module: WorkerSide,
      imports: [
        InfrastructureModule.forRoot(config, { database }),
        ProjectionsModule.forRoot({ redisUrl: REDIS_URL, prefix }),
        NotifierModule.forRoot({ redisUrl: REDIS_URL, prefix, retry: RETRY }),
      ],
    };
  }
}

const { grounds, remedy, appellant } = appealExample();

describe('webhooks: Standard Webhooks signatures, delivery through BullMQ, retries, dead letters', () => {
  let t: TestApp;
  let cast: Cast;
  let worker: INestApplicationContext;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const prefix = uniquePrefix();
  const redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });

  const subscribe = (body: object, token = cast.oversight) =>
    t.http.post('/v1/webhooks').set('Authorization', token).send(body);

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({
      env: { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0' },
    });
    cast = await castOf(t);
    receiver = await startReceiver();
    worker = await NestFactory.createApplicationContext(
      WorkerSide.forRoot(t.config, t.database, prefix),
      { logger: false },
    );
    await worker.init();
  });
  afterAll(async () => {
    await worker.close();
    await receiver.close();
    await t.close();
    await deleteKeysWithPrefix(redis, prefix);
    await redis.quit();
  });

  it('subscribes http(s) URLs only, to known event types and authorities, for admin and oversight', async () => {
    for (const url of [
      'ftp://example.org/x',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const refused = await subscribe({ url, events: ['CaseFiled'] }).expect(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
    }
    await subscribe({ url: receiver.url, events: ['CaseBurned'] }).expect(400);
    await subscribe({ url: receiver.url, events: [] }).expect(400);
    await subscribe({ url: receiver.url, events: ['CaseFiled'], authorityId: 'atlantis' }).expect(
      400,
    );
    await subscribe({ url: receiver.url, events: ['CaseFiled'], secret: 'mine' }).expect(400);
    await subscribe({ url: receiver.url, events: ['CaseFiled'] }, cast.caseworker).expect(403);
    await subscribe({ url: receiver.url, events: ['CaseFiled'] }, cast.owner).expect(403);

    const created = await subscribe(
      { url: receiver.url, events: ['CaseFiled'] },
      cast.admin,
    ).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+=*$/),
    });
    const listed = await t.http
      .get('/v1/webhooks')
      .set('Authorization', cast.oversight)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        id: created.body.id,
        url: receiver.url,
        events: ['CaseFiled'],
        authorityId: null,
      }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    await t.http
      .delete(`/v1/webhooks/${created.body.id}`)
      .set('Authorization', cast.oversight)
      .expect(204);
    await t.http
      .delete(`/v1/webhooks/${created.body.id}`)
      .set('Authorization', cast.oversight)
      .expect(404);
    await t.http.delete('/v1/webhooks/not-an-id').set('Authorization', cast.oversight).expect(400);
  });

  it('delivers signed bodies with ids only, retries a 500 with the same webhook-id, and logs each attempt', async () => {
    const created = await subscribe({
      url: receiver.url,
      events: ['CaseFiled', 'DecisionIssued'],
      authorityId: AUTHORITY,
    }).expect(201);
    receiver.secret = created.body.secret;
    // a subscription to another authority's events hears nothing of this case
    const other = await startReceiver();
    other.secret = (
      await subscribe({
        url: other.url,
        events: ['CaseFiled'],
        authorityId: OTHER_AUTHORITY,
      }).expect(201)
    ).body.secret;
    receiver.answer = (_id, attempt) => (attempt === 1 ? 500 : 204);

    const caseId = await fileCase(t, cast.owner);
    await command(t, cast.caseworker, caseId, 'acknowledge');
    const decided = await command(t, cast.caseworker, caseId, 'decision', {
      outcome: 'rejected',
      reasons: 'The scan was within the exposure window.',
    });
    const received = await eventually(
      async () => receiver.received.length === 2 && receiver.received,
      30_000,
    );
    // each delivery retries on its own backoff: the receiver may get them in either order
    expect(received.map((r) => r.payload.type).sort()).toEqual(['CaseFiled', 'DecisionIssued']);
    const decision = received.find((r) => r.payload.type === 'DecisionIssued')!;
    expect(decision.payload).toEqual({
      type: 'DecisionIssued',
      timestamp: expect.any(String),
      data: {
        caseId,
        authorityId: AUTHORITY,
        eventId: expect.any(String),
        stream: `case-${caseId}`,
        revision: decided.revision,
        position: expect.stringMatching(/^\d+-\d+$/),
      },
    });
    for (const { id, body } of received) {
      // the first attempt got a 500: the retry came with the same webhook-id
      expect(receiver.requests.filter((r) => r.id === id)).toEqual([
        { id, verified: true },
        { id, verified: true },
      ]);
      expect(id).toMatch(/^msg_/);
      for (const personal of [grounds, remedy, appellant.contact, appellant.name]) {
        expect(body).not.toContain(personal);
      }
    }
    expect(other.requests).toEqual([]);
    await other.close();

    const log = await t.http
      .get(`/v1/webhooks/${created.body.id}/deliveries`)
      .set('Authorization', cast.admin)
      .expect(200);
    expect(log.body.items.map((d: { id: string }) => d.id).sort()).toEqual(
      received.map((r) => r.id).sort(),
    );
    for (const delivery of log.body.items) {
      expect(delivery).toMatchObject({ channel: 'webhook', status: 'delivered' });
      expect(
        delivery.attempts.map((a: { outcome: string; statusCode: number }) => [
          a.outcome,
          a.statusCode,
        ]),
      ).toEqual([
        ['failed', 500],
        ['delivered', 204],
      ]);
    }
    await t.http
      .get(`/v1/webhooks/${created.body.id}/deliveries`)
      .set('Authorization', cast.oversight)
      .expect(403);
    await t.http
      .delete(`/v1/webhooks/${created.body.id}`)
      .set('Authorization', cast.admin)
      .expect(204);
  });

  it('gives up after the last attempt: the delivery is dead, in the dead-letter queue and the log', async () => {
    const failing = await startReceiver();
    failing.answer = () => 500;
    const created = await subscribe({ url: failing.url, events: ['CaseFiled'] }).expect(201);
    failing.secret = created.body.secret;
    await fileCase(t, cast.owner);
    const [dead] = await eventually(async () => {
      const log = await t.http
        .get(`/v1/webhooks/${created.body.id}/deliveries`)
        .set('Authorization', cast.admin);
      return log.body.items[0]?.status === 'dead' && log.body.items;
    }, 30_000);
    expect(dead.attempts).toHaveLength(RETRY.attempts);
    expect(failing.requests.map((r) => r.id)).toEqual(Array(RETRY.attempts).fill(dead.id));
    const deadLetters = new Queue(DELIVERY_DEAD_LETTER_QUEUE, { connection: redis, prefix });
    expect(await eventually(async () => deadLetters.getJob(dead.id))).toBeDefined();
    await deadLetters.close();
    await failing.close();
    await t.http
      .delete(`/v1/webhooks/${created.body.id}`)
      .set('Authorization', cast.admin)
      .expect(204);
  });

  it('delivers once more, with the same webhook-id, when a worker is killed mid-delivery; the receiver dedupes', async () => {
    const killPrefix = uniquePrefix();
    const hooks = await startReceiver();
    const created = await subscribe({ url: hooks.url, events: ['CaseFiled'] }).expect(201);
    hooks.secret = created.body.secret;
    hooks.answer = (_id, attempt) => (attempt === 1 ? 'hang' : 204);
    const id = `msg_${randomUUID()}`;
    const body = {
      type: 'CaseFiled',
      timestamp: new Date().toISOString(),
      data: { caseId: randomUUID() },
    };
    await t.database.query(
      `INSERT INTO deliveries (id, channel, subscription_id, event_type, body) VALUES ($1, 'webhook', $2, 'CaseFiled', $3)`,
      [id, created.body.id, JSON.stringify(body)],
    );
    const child = startDeliveryWorker((t.database as TestDatabase).schema, killPrefix);
    try {
      await child.ready;
      const producerRedis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
      const sender = new DeliverySender(t.database, t.eventStore, {
        from: 'test',
        personal: { open: async () => null },
      });
      const producer = new BullmqDeliveryQueue(producerRedis, killPrefix, sender, RETRY);
      await producer.hand([id]);
      // the child has the request in flight: kill it, no goodbye
      await eventually(async () => hooks.requests.length === 1);
      child.process.kill('SIGKILL');
      await child.exited;
      const survivor = new BullmqDeliveryQueue(producerRedis, killPrefix, sender, RETRY);
      await survivor.start();
      await eventually(async () => hooks.received.length === 1, 30_000);
      expect(hooks.requests).toEqual([
        { id, verified: true },
        { id, verified: true },
      ]);
      expect(hooks.received.map((r) => r.id)).toEqual([id]);
      await eventually(async () => {
        const { rows } = await t.database.query<{ status: string }>(
          'SELECT status FROM deliveries WHERE id = $1',
          [id],
        );
        return rows[0].status === 'delivered';
      });
      await survivor.stop();
      await producer.stop();
      await deleteKeysWithPrefix(producerRedis, killPrefix);
      await producerRedis.quit();
    } finally {
      child.process.kill('SIGKILL');
      await hooks.close();
    }
  });
});

/** The delivery worker of ./delivery-worker.ts in a child process of its own. */
function startDeliveryWorker(
  schema: string,
  prefix: string,
): {
  process: ChildProcess;
  ready: Promise<void>;
  exited: Promise<void>;
} {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', 'test/notifications/delivery-worker.ts'],
    {
      env: {
        ...process.env,
        DATABASE_URL: TEST_DATABASE_URL,
        DB_SCHEMA: schema,
        REDIS_URL,
        PREFIX: prefix,
        LOCK_MS: String(RETRY.lockDurationMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`delivery worker exited (${code}): ${errors}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { process: child, ready, exited };
}
