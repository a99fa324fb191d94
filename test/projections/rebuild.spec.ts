import { randomUUID } from 'node:crypto';
import { EmbeddedProjectionRunner, rebuildReadModels } from '@recourse/projections';
import { currentPosition } from '@recourse/read-models';
import {
  caseworker,
  citizen,
  file,
  openStores,
  projectedMatchesStore,
  quietNestLogs,
  run,
  snapshot,
  startPipeline,
  type Stores,
} from './support';
import { eventually } from '../support/eventually';

/** A realistic mix: acknowledged, assigned, paused and resumed, noted, decided, referred, petitions. */
async function activity(stores: Stores, cases: number): Promise<void> {
  const cw = caseworker('cw-1');
  await Promise.all(
    Array.from({ length: cases }, async (_, i) => {
      const caseId = await file(stores, `citizen-${i % 7}`, {
        priority: i % 3 === 0 ? 'urgent' : 'standard',
      });
      await run(stores, caseId, { type: 'AcknowledgeCase' }, cw);
      if (i % 2 === 0) await run(stores, caseId, { type: 'AssignCase', caseworkerId: 'cw-1' }, cw);
      if (i % 4 === 0) {
        await run(
          stores,
          caseId,
          { type: 'RequestInformation', requestId: `r${i}`, question: 'Which gate?' },
          cw,
        );
        await run(
          stores,
          caseId,
          { type: 'ProvideInformation', message: 'Gate 3' },
          citizen(`citizen-${i % 7}`),
        );
      }
      if (i % 5 === 0)
        await run(stores, caseId, { type: 'AddNote', noteId: `n${i}`, text: 'internal' }, cw);
      if (i % 6 === 0) {
        await run(
          stores,
          caseId,
          { type: 'IssueDecision', outcome: 'overturned', reasons: 'No contact found.' },
          cw,
        );
      } else if (i % 7 === 3)
        await run(stores, caseId, { type: 'ReferCase', reason: 'province' }, cw);
    }),
  );
  const petition = randomUUID();
  await run(
    stores,
    petition,
    {
      type: 'FileCase',
      caseId: petition,
      reference: 'RC-PETITION',
      kind: 'petition',
      authorityId: 'zhengzhou-health',
      priority: 'standard',
      appellant: { name: 'Wang', contact: 'wang@example.org' },
      title: 'Publish the rules',
      demand: 'Publish every rule the health-code system uses.',
    },
    citizen('wang'),
  );
  for (let i = 0; i < 5; i++)
    await run(stores, petition, { type: 'SignPetition' }, citizen(`signer-${i}`));
}

describe('rebuilding the read models', () => {
  let stores: Stores;
  beforeAll(() => quietNestLogs());
  beforeEach(async () => {
    stores = await openStores();
  });
  afterEach(() => stores.close());

  it('yields read models equal to the live ones and keeps the checkpoint', async () => {
    const runner = new EmbeddedProjectionRunner(stores.db, stores.store, {
      batchSize: 100,
      batchWaitMs: 2,
    });
    await runner.start();
    try {
      await activity(stores, 40);
      await eventually(() => projectedMatchesStore(stores.db, stores.store));
      const live = await snapshot(stores.db);
      const position = await currentPosition(stores.db);
      expect(live.case_notes.length).toBeGreaterThan(0);
      expect(live.petition_signatures).toHaveLength(1);

      const indexes = async () =>
        (
          await stores.db.query(
            `SELECT tablename, indexname, regexp_replace(indexdef, ' ON \\S+ ', ' ON ') AS definition
               FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2`,
          )
        ).rows;
      const indexesBefore = await indexes();
      expect(indexesBefore.map((i) => i.indexname)).toEqual(
        expect.arrayContaining(['cases_pkey', 'cases_queue_idx', 'outcome_stats_key']),
      );

      const progress: number[] = [];
      const result = await rebuildReadModels(stores.db, stores.store, {
        batchSize: 37,
        onProgress: (p) => progress.push(p.events),
      });
      expect(result.events).toBeGreaterThan(100);
      expect(progress.at(-1)).toBe(result.events);
      expect(await snapshot(stores.db)).toEqual(live);
      expect(await currentPosition(stores.db)).toEqual(position);
      // the same indexes under the same names (LIKE … INCLUDING ALL would have renamed them)
      expect(await indexes()).toEqual(indexesBefore);
      const { rows } = await stores.db.query<{ n: string }>(
        "SELECT count(*)::text AS n FROM information_schema.schemata WHERE schema_name LIKE 'rebuild_%' OR schema_name LIKE 'retired_%'",
      );
      expect(rows[0].n).toBe('0');
    } finally {
      await runner.stop();
    }
  });

  it('swaps in while BullMQ workers keep applying new events, and converges', async () => {
    const pipeline = await startPipeline(stores, { partitions: 2 });
    try {
      await activity(stores, 20);
      const during = activity(stores, 20);
      await rebuildReadModels(stores.db, stores.store, { batchSize: 25 });
      await during;
      await eventually(() => projectedMatchesStore(stores.db, stores.store), 30_000);
      const live = await snapshot(stores.db);
      await rebuildReadModels(stores.db, stores.store);
      expect(await snapshot(stores.db)).toEqual(live);
    } finally {
      await pipeline.stop();
    }
  });
});
