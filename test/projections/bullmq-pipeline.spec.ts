import { Queue, Worker } from 'bullmq';
import { caseStreamName } from '@recourse/domain';
import type { RecordedEvent } from '@recourse/event-store';
import {
  DEAD_LETTER_QUEUE,
  epochKey,
  fromJobData,
  type EventJobData,
  partitionOf,
  partitionQueueName,
  toJobData,
} from '@recourse/projections';
import { applyEvents, getCase, partitionCheckpoint, queue } from '@recourse/read-models';
import { examplePolicy } from '@recourse/domain';
import {
  AUTHORITY,
  caseworker,
  quietNestLogs,
  file,
  openStores,
  projectedMatchesStore,
  run,
  startPipeline,
  type Pipeline,
  type Stores,
} from './support';
import { deleteKeysWithPrefix } from '../support/redis';
import { eventually } from '../support/eventually';

const now = () => new Date();
/** The case view as served: read-model row, its sealed personal values opened. */
const view = async (stores: Stores, caseId: string) =>
  stores.personalData.open(
    await getCase(stores.db, caseId, {
      policy: examplePolicy,
      now: now(),
      includeInternalNotes: true,
    }),
  );

describe('projections through BullMQ (real PostgreSQL and Redis)', () => {
  beforeAll(() => quietNestLogs());

  let stores: Stores;
  let pipeline: Pipeline | undefined;

  beforeEach(async () => {
    stores = await openStores();
  });
  afterEach(async () => {
    await pipeline?.stop();
    pipeline = undefined;
    await stores.close();
  });

  it('makes appended events visible: status, deadlines with explanation, timeline without notes', async () => {
    pipeline = await startPipeline(stores);
    const caseId = await file(stores, 'alice');
    const worker = caseworker('cw-1');
    await run(stores, caseId, { type: 'AcknowledgeCase' }, worker);
    await run(stores, caseId, { type: 'AssignCase', caseworkerId: 'cw-1' }, worker);
    await run(
      stores,
      caseId,
      { type: 'AddNote', noteId: 'n1', text: 'internal: check the QR log' },
      worker,
    );
    const seen = await eventually(async () => {
      const v = await view(stores, caseId);
      return v && v.revision === 3 ? v : undefined;
    });
    expect(seen.status).toBe('under_review');
    expect(seen.assignee).toBe('cw-1');
    expect(seen.authorityId).toBe(AUTHORITY);
    expect(seen.deadlines.respondBy?.explanation).toMatch(/^due .*15 working days/);
    expect(seen.timeline.map((t) => t.type)).toEqual([
      'CaseFiled',
      'CaseAcknowledged',
      'CaseAssigned',
    ]);
    expect(seen.notes?.map((n) => n.text)).toEqual(['internal: check the QR log']);
    expect(seen.nextStep.kind).toBe('respond');
  });

  it('counts a job delivered twice once', async () => {
    pipeline = await startPipeline(stores, { partitions: 2 }, { feeder: false });
    const caseId = await file(stores, 'alice');
    await run(stores, caseId, { type: 'AcknowledgeCase' }, caseworker('cw-1'));
    const events = await stores.store.readStream(caseStreamName(caseId));
    const q = new Queue(partitionQueueName(partitionOf(caseStreamName(caseId), 2)), {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
    // the same events twice, under different job ids: BullMQ's dedup cannot help, the guard must
    const jobs = (suffix: string) =>
      events.map((e: RecordedEvent) => ({
        name: e.type,
        data: toJobData([e]),
        opts: { jobId: `${e.id}-${suffix}` },
      }));
    await q.addBulk([...jobs('a'), ...jobs('b')]);
    await eventually(async () => (await q.getCompletedCount()) === 4);
    await q.close();
    const v = await view(stores, caseId);
    expect(v?.revision).toBe(1);
    expect(v?.timeline).toHaveLength(2);
    const metric = await pipeline.metrics.registry.getSingleMetricAsString(
      'recourse_projection_events_total',
    );
    expect(metric).toMatch(/result="applied"} 2/);
    expect(metric).toMatch(/result="skipped"} 2/);
  });

  it('converges when events arrive out of order (retried with backoff)', async () => {
    pipeline = await startPipeline(stores, { partitions: 1 }, { feeder: false });
    const caseId = await file(stores, 'alice');
    const cw = caseworker('cw-1');
    await run(stores, caseId, { type: 'AcknowledgeCase' }, cw);
    await run(stores, caseId, { type: 'AssignCase', caseworkerId: 'cw-1' }, cw);
    await run(
      stores,
      caseId,
      { type: 'RequestInformation', requestId: 'r1', question: 'Which station?' },
      cw,
    );
    const events = await stores.store.readStream(caseStreamName(caseId));
    const q = new Queue(partitionQueueName(0), {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
    await q.addBulk(
      [...events].reverse().map((e) => ({
        name: e.type,
        data: toJobData([e]),
        opts: { jobId: e.id, attempts: 10, backoff: { type: 'exponential', delay: 20 } },
      })),
    );
    const v = await eventually(async () => {
      const current = await view(stores, caseId);
      return current?.revision === 3 ? current : undefined;
    });
    await q.close();
    expect(v.status).toBe('awaiting_information');
    expect(v.timeline.map((t) => t.revision)).toEqual([0, 1, 2, 3]);
  });

  it('fills a gap from the event store: an event whose job never came is applied before the next', async () => {
    pipeline = await startPipeline(stores, { partitions: 1 }, { feeder: false });
    const caseId = await file(stores, 'alice');
    const cw = caseworker('cw-1');
    await run(stores, caseId, { type: 'AcknowledgeCase' }, cw);
    await run(stores, caseId, { type: 'AssignCase', caseworkerId: 'cw-1' }, cw);
    const [, , assigned] = await stores.store.readStream(caseStreamName(caseId));
    const q = new Queue(partitionQueueName(0), {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
    // only revision 2 reaches Redis (0 and 1 were lost on the way): the store still has them
    await q.add(assigned.type, toJobData([assigned]), { jobId: assigned.id, attempts: 1 });
    const v = await eventually(async () => {
      const current = await view(stores, caseId);
      return current?.revision === 2 ? current : undefined;
    });
    await q.close();
    expect(v.status).toBe('under_review');
    expect(v.timeline.map((t) => t.revision)).toEqual([0, 1, 2]);
  });

  it('moves an event that never applies to the dead-letter queue, counted', async () => {
    pipeline = await startPipeline(stores, { partitions: 1, attempts: 2 }, { feeder: false });
    const caseId = await file(stores, 'alice');
    await run(stores, caseId, { type: 'AcknowledgeCase' }, caseworker('cw-1'));
    const [, acknowledged] = await stores.store.readStream(caseStreamName(caseId));
    const q = new Queue(partitionQueueName(0), {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
    // a revision the stream does not have: out of order for ever, nothing in the store to fill with
    const phantom = { ...acknowledged, revision: 7 };
    await q.add(phantom.type, toJobData([phantom]), {
      jobId: phantom.id,
      attempts: 2,
      backoff: { type: 'fixed', delay: 10 },
    });
    const dlq = new Queue(DEAD_LETTER_QUEUE, {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
    await eventually(async () => (await dlq.getJob(phantom.id)) !== undefined);
    const dead = await dlq.getJob(phantom.id);
    expect(dead?.data).toMatchObject({ event: { id: phantom.id, revision: 7 } });
    expect(dead?.data.error).toMatch(/revision 7 arrived while the read model is at 1/);
    expect(
      await pipeline.metrics.registry.getSingleMetricAsString(
        'recourse_projection_dead_letters_total',
      ),
    ).toMatch(/ 1$/m);
    await Promise.all([q.close(), dlq.close()]);
  });

  it('converges after a worker is killed in the middle of a batch and restarted', async () => {
    pipeline = await startPipeline(stores, { partitions: 2, lockDurationMs: 1000 });
    await pipeline.workers.stop();
    // a worker that applies a few events, then dies with jobs in hand (no graceful close)
    let applied = 0;
    const doomed = [0, 1].map(
      (k) =>
        new Worker<EventJobData>(
          partitionQueueName(k),
          async (job) => {
            if (applied >= 15) return new Promise<never>(() => undefined);
            applied += job.data.events.length;
            await stores.db.transaction((tx) =>
              applyEvents(tx, fromJobData(job.data), partitionCheckpoint(k)),
            );
          },
          {
            connection: pipeline!.redis,
            prefix: pipeline!.options.prefix,
            concurrency: 1,
            lockDuration: 1000,
          },
        ),
    );
    const cw = caseworker('cw-1');
    const caseIds = await Promise.all(Array.from({ length: 30 }, () => file(stores, 'alice')));
    await Promise.all(caseIds.map((id) => run(stores, id, { type: 'AcknowledgeCase' }, cw)));
    await eventually(async () => applied >= 15);
    await Promise.all(doomed.map((worker) => worker.close(true)));
    expect(await projectedMatchesStore(stores.db, stores.store)).toBe(false);

    await pipeline.startWorkers();
    await eventually(
      () => projectedMatchesStore(stores.db, stores.store),
      30_000,
      'read models did not converge',
    );
    const { rows } = await stores.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM cases WHERE status = 'acknowledged'",
    );
    expect(rows[0].n).toBe('30');
  });

  it('feeds again from the database checkpoint when Redis loses its keys while events flow', async () => {
    pipeline = await startPipeline(stores, { partitions: 3 });
    const cw = caseworker('cw-1');
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 60; i++) {
      writes.push(
        file(stores, `citizen-${i}`).then((id) => run(stores, id, { type: 'AcknowledgeCase' }, cw)),
      );
      if (i === 20 || i === 40) await deleteKeysWithPrefix(pipeline.redis, pipeline.options.prefix);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(writes);
    await deleteKeysWithPrefix(pipeline.redis, pipeline.options.prefix);
    await eventually(
      () => projectedMatchesStore(stores.db, stores.store),
      30_000,
      'events were lost',
    );
    const { rows } = await stores.db.query<{ n: string }>(
      "SELECT count(*)::text AS n FROM cases WHERE status = 'acknowledged'",
    );
    expect(rows[0].n).toBe('60');
  });

  it('feeds an event again when only its job key outlived the lost queue', async () => {
    pipeline = await startPipeline(stores, { partitions: 1 });
    await pipeline.workers.stop();
    const caseId = await file(stores, 'alice');
    const [filed] = await stores.store.readStream(caseStreamName(caseId));
    const { prefix } = pipeline.options;
    const jobKey = async () => (await pipeline!.redis.keys(`${prefix}:*${filed.id}`))[0];
    await eventually(jobKey);
    // Redis loses the queue and the marker, not the job's own key (a deletion racing addBulk,
    // an eviction): the feed after the loss must not take that key for the event being queued
    const orphan = await jobKey();
    await pipeline.redis.rename(orphan, `${prefix}-kept`);
    await deleteKeysWithPrefix(pipeline.redis, prefix);
    await pipeline.redis.rename(`${prefix}-kept`, orphan);
    await eventually(async () => (await pipeline!.redis.exists(epochKey(prefix))) === 1);

    await pipeline.startWorkers();
    await eventually(
      async () => (await view(stores, caseId))?.revision === 0,
      10_000,
      'the event fed again was never applied',
    );
  });

  it('applies no job left from a feed before Redis lost data', async () => {
    pipeline = await startPipeline(stores, { partitions: 1 }, { feeder: false });
    const caseId = await file(stores, 'alice');
    const [filed] = await stores.store.readStream(caseStreamName(caseId));
    const q = new Queue(partitionQueueName(0), {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
    await q.add(filed.type, toJobData([filed], 'an-earlier-feed'), { jobId: filed.id });
    await eventually(async () => (await q.getCompletedCount()) === 1);
    await q.close();
    expect(await view(stores, caseId)).toBeNull();
    expect(
      await pipeline.metrics.registry.getSingleMetricAsString('recourse_projection_events_total'),
    ).toMatch(/result="stale"} 1/);
  });

  it('shows 300 cases filed concurrently in the queue exactly once', async () => {
    pipeline = await startPipeline(stores, { partitions: 4 });
    const caseIds = await Promise.all(
      Array.from({ length: 300 }, (_, i) => file(stores, `c-${i}`)),
    );
    await eventually(() => projectedMatchesStore(stores.db, stores.store), 30_000);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await queue(stores.db, AUTHORITY, {}, { cursor, limit: 70, now: now() });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(300);
    expect(new Set(seen)).toEqual(new Set(caseIds));
  });

  it('keeps the handed-to-Redis position in the database, never ahead of Redis', async () => {
    pipeline = await startPipeline(stores);
    const caseId = await file(stores, 'alice');
    await eventually(async () => (await view(stores, caseId))?.revision === 0);
    const { rows } = await stores.db.query<{ name: string }>(
      'SELECT name FROM feeder_checkpoint ORDER BY name',
    );
    expect(rows.map((r) => r.name)).toContain('handed');
  });
});
