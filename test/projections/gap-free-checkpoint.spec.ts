import { Queue } from 'bullmq';
import { caseStreamName } from '@recourse/domain';
import type { RecordedEvent } from '@recourse/event-store';
import {
  DEAD_LETTER_QUEUE,
  DeadLetters,
  partitionQueueName,
  toJobData,
  type DeadLetter,
} from '@recourse/projections';
import { partitionCheckpoint } from '@recourse/read-models';
import { eventually } from '../support/eventually';
import {
  caseworker,
  file,
  openStores,
  quietNestLogs,
  run,
  startPipeline,
  type Pipeline,
  type Stores,
} from './support';

const CHECKPOINT = partitionCheckpoint(0);

/**
 * The partition checkpoint says "every event of the partition up to here is applied": it moves
 * only over runs with nothing missing before them, so a job in backoff or in the dead letters is
 * never passed; the dead letters are re-driven (or dropped) as the jobs they came from.
 */
describe('gap-free partition checkpoints and the dead letters', () => {
  beforeAll(() => quietNestLogs());

  let stores: Stores;
  let pipeline: Pipeline;
  let partition: Queue;
  let deadLetters: Queue;

  beforeEach(async () => {
    stores = await openStores();
    pipeline = await startPipeline(stores, { partitions: 1, attempts: 1 }, { feeder: false });
    partition = new Queue(partitionQueueName(0), {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
    deadLetters = new Queue(DEAD_LETTER_QUEUE, {
      connection: pipeline.redis,
      prefix: pipeline.options.prefix,
    });
  });
  afterEach(async () => {
    await partition.close();
    await deadLetters.close();
    await pipeline.stop();
    await stores.close();
  });

  const checkpoint = async () => {
    const { rows } = await stores.db.query<{ commit: string; prepare: string }>(
      'SELECT commit::text, prepare::text FROM projection_checkpoint WHERE name = $1',
      [CHECKPOINT],
    );
    return rows[0] ? `${rows[0].commit}/${rows[0].prepare}` : null;
  };
  const at = (event: RecordedEvent) => `${event.position.commit}/${event.position.prepare}`;
  const lastRevision = async (caseId: string) =>
    (
      await stores.db.query<{ last_revision: number }>(
        'SELECT last_revision FROM cases WHERE id = $1',
        [caseId],
      )
    ).rows[0]?.last_revision;

  /** two cases, two jobs as the feeder hands them: [a's filing], then [b's filing, a's ack] */
  const twoRuns = async () => {
    const a = await file(stores, 'alice');
    const b = await file(stores, 'bob');
    await run(stores, a, { type: 'AcknowledgeCase' }, caseworker('cw-1'));
    const [aFiled, aAcknowledged] = await stores.store.readStream(caseStreamName(a));
    const [bFiled] = await stores.store.readStream(caseStreamName(b));
    return { a, b, first: [aFiled], second: [bFiled, aAcknowledged] };
  };

  it('does not pass a run still waiting, and moves over both once it is applied', async () => {
    const { b, first, second } = await twoRuns();
    // the second run arrives first (the first is in backoff somewhere)
    await partition.add('second', toJobData(second, undefined, first[0].position), {
      jobId: 'second',
    });
    await eventually(async () => (await lastRevision(b)) === 0);
    expect(await checkpoint()).toBeNull();

    await partition.add('first', toJobData(first, undefined, null), { jobId: 'first' });
    await eventually(async () => (await checkpoint()) === at(second[1]));
  });

  it('re-drives a dead job as its run: the checkpoint then moves over it', async () => {
    const { a, first, second } = await twoRuns();
    // the first job gave up (its dead letters as the workers write them); the second applied
    for (const event of toJobData(first, 'old-epoch', null).events) {
      await deadLetters.add(
        event.type,
        {
          event,
          error: 'database unavailable',
          failedAt: new Date().toISOString(),
          origin: { queue: partitionQueueName(0), jobId: 'first', after: null },
        } satisfies DeadLetter,
        { jobId: event.id },
      );
    }
    await partition.add('second', toJobData(second, undefined, first[0].position), {
      jobId: 'second',
    });
    // it filled the gap of case a from the store, but it cannot vouch for the run before it
    await eventually(async () => (await partition.getCompletedCount()) === 1);
    expect(await lastRevision(a)).toBe(1);
    expect(await checkpoint()).toBeNull();

    const letters = new DeadLetters(pipeline.redis, pipeline.options.prefix);
    try {
      expect(await letters.list()).toMatchObject([
        { jobId: 'first', events: [{ id: first[0].id }] },
      ]);
      expect(await letters.retry()).toEqual({ jobs: 1, events: 1 });
      expect(await letters.list()).toEqual([]);
    } finally {
      await letters.close();
    }
    await eventually(async () => (await checkpoint()) === at(second[1]));
  });

  it('drops a dead job: its events stay out, the checkpoint no longer waits for it', async () => {
    const { first, second } = await twoRuns();
    for (const event of toJobData(first, undefined, null).events) {
      await deadLetters.add(
        event.type,
        {
          event,
          error: 'poison',
          failedAt: new Date().toISOString(),
          origin: { queue: partitionQueueName(0), jobId: 'first', after: null },
        } satisfies DeadLetter,
        { jobId: event.id },
      );
    }
    await partition.add('second', toJobData(second, undefined, first[0].position), {
      jobId: 'second',
    });
    await eventually(async () => (await partition.getCompletedCount()) === 1);
    const letters = new DeadLetters(pipeline.redis, pipeline.options.prefix);
    try {
      expect(await letters.drop(stores.db)).toEqual({ jobs: 1, events: 1 });
    } finally {
      await letters.close();
    }
    expect(await checkpoint()).toBe(at(second[1]));
  });
});
