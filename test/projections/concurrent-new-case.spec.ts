import { caseStreamName } from '@recourse/domain';
import { applyEvents, partitionCheckpoint } from '@recourse/read-models';
import { eventually } from '../support/eventually';
import { caseworker, file, openStores, run, type Stores } from './support';

const CHECKPOINT = partitionCheckpoint(0);

/**
 * Two worker processes take jobs of one partition at once, and after an outage the same events
 * come in several jobs (a job in backoff, the feeder's re-feed, a later event's gap filled from
 * the store). Two of them creating one case's row must not undo each other: the transaction that
 * found no row and commits last used to overwrite the newer row with its older one (the fault
 * suite's "PostgreSQL down 10 s": a case 1 behind for good), and count the filing twice.
 */
describe('two transactions applying the first events of one case', () => {
  let stores: Stores;

  beforeEach(async () => {
    stores = await openStores();
  });
  afterEach(async () => {
    await stores.close();
  });

  const lastRevision = async (caseId: string) =>
    (
      await stores.db.query<{ last_revision: number }>(
        'SELECT last_revision FROM cases WHERE id = $1',
        [caseId],
      )
    ).rows[0]?.last_revision;

  it('keeps the newer row, and counts the filing once, when the older batch commits last', async () => {
    // given a case filed and acknowledged, not yet projected
    const caseId = await file(stores, 'alice');
    await run(stores, caseId, { type: 'AcknowledgeCase' }, caseworker('cw-1'));
    const [filed, acknowledged] = await stores.store.readStream(caseStreamName(caseId));

    // when one transaction applies both events and holds its commit, while another (which
    // started before the first committed) applies the filing alone, and the first commits first
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let newerApplied!: () => void;
    const applied = new Promise<void>((resolve) => (newerApplied = resolve));
    const newer = stores.db.transaction(async (tx) => {
      await applyEvents(tx, [filed, acknowledged], CHECKPOINT);
      newerApplied();
      await released;
    });
    await applied;
    let olderPid!: number;
    const older = stores.db.transaction(async (tx) => {
      olderPid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      return applyEvents(tx, [filed], CHECKPOINT);
    });
    // the older one waits on the newer one's row (or, with the fix, on the case's lock)
    await eventually(async () => {
      if (olderPid === undefined) return false;
      const { rows } = await stores.db.query<{ wait_event_type: string | null }>(
        'SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1',
        [olderPid],
      );
      return rows[0]?.wait_event_type === 'Lock';
    }, 10_000);
    release();
    await newer;
    await older;

    // then the case stays at its last event, and the filing counts once
    expect(await lastRevision(caseId)).toBe(acknowledged.revision);
    const { rows } = await stores.db.query<{ filings: string }>(
      'SELECT coalesce(sum(filings), 0)::text AS filings FROM appeal_filings',
    );
    expect(rows[0].filings).toBe('1');
  });
});
