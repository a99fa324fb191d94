import { randomUUID } from 'node:crypto';
import type { Actor, CaseCommand, CaseState } from '@recourse/domain';
import { START } from '@recourse/event-store';
import { ALL_CHECKPOINT, applyEvents, BACKFILL_NEXT_DUE } from '@recourse/read-models';
import { ManualClock } from '../api/api-fixtures';
import { eventually } from '../support/eventually';
import { fileAppealCommand } from '../support/fixtures';
import { caseworker, citizen, openStores, type Stores } from './support';

const HOUR = 3_600_000;
const TOP_AUTHORITY = 'national-ombudsman'; // escalates nowhere: a missed deadline stays recorded
const system: Actor = { id: 'system', role: 'system' };

/**
 * cases.next_due, which the reconciliation sweep reads: written by the projection from the
 * domain's runningClocks, and filled by the migration's backfill for rows projected before the
 * column existed. Both must agree in every status.
 */
describe('cases.next_due', () => {
  let stores: Stores;
  const clock = new ManualClock();
  const owner = citizen('alice');
  const staff = caseworker('cw-1');
  const expected = new Map<string, string>();

  const run = (caseId: string, command: CaseCommand, actor: Actor) =>
    stores.commands.execute(caseId, command, { actor, correlationId: randomUUID() });
  const fileCase = async (overrides = {}): Promise<[string, CaseState]> => {
    const caseId = randomUUID();
    const { state } = await run(caseId, fileAppealCommand(caseId, overrides), owner);
    return [caseId, state];
  };

  beforeAll(async () => {
    stores = await openStores(clock);
    const [filed, atFiling] = await fileCase();
    expected.set(filed, atFiling.deadlines.acknowledgeBy!.due);

    const [reviewed] = await fileCase();
    await run(reviewed, { type: 'AcknowledgeCase' }, staff);
    const { state: underReview } = await run(
      reviewed,
      { type: 'AssignCase', caseworkerId: staff.id },
      staff,
    );
    expect(underReview.status).toBe('under_review');
    expected.set(reviewed, underReview.deadlines.respondBy!.due);

    const [paused] = await fileCase();
    await run(paused, { type: 'AcknowledgeCase' }, staff);
    await run(paused, { type: 'RequestInformation', requestId: 'rq-1', question: 'Where?' }, staff);
    expected.set(paused, 'infinity');

    const [decided] = await fileCase();
    await run(decided, { type: 'AcknowledgeCase' }, staff);
    const { state: afterDecision } = await run(
      decided,
      { type: 'IssueDecision', outcome: 'upheld', reasons: 'As stated.' },
      staff,
    );
    expected.set(decided, afterDecision.decision!.escalationWindowEndsAt!);

    const [withdrawn] = await fileCase();
    await run(withdrawn, { type: 'WithdrawCase' }, owner);
    expected.set(withdrawn, 'infinity');

    const [missed, urgent] = await fileCase({ authorityId: TOP_AUTHORITY, priority: 'urgent' });
    clock.advance(5 * HOUR); // past the 4-hour acknowledgement
    const { state: afterMiss } = await run(
      missed,
      { type: 'RecordMissedDeadline', deadline: 'acknowledge', setAtRevision: 0 },
      system,
    );
    expect(afterMiss.status).toBe('filed');
    // the acknowledgement is recorded missed: the response deadline is the next clock
    expected.set(missed, urgent.deadlines.respondBy!.due);

    // readAll shows events below the oldest open transaction of the server, which a busy
    // neighbour on the shared test server may hold for a while: wait for all 14
    const events = await eventually(async () => {
      const read = await stores.store.readAll(START, 1000);
      return read.length === 14 && read;
    }, 30_000);
    await stores.db.transaction((tx) => applyEvents(tx, events, ALL_CHECKPOINT));
  });
  afterAll(() => stores.close());

  const nextDues = async (): Promise<Map<string, string>> => {
    const { rows } = await stores.db.query<{ id: string; due: string }>(
      `SELECT id::text AS id, to_jsonb(next_due) #>> '{}' AS due FROM cases`,
    );
    return new Map(
      rows.map(({ id, due }) => [id, due === 'infinity' ? due : new Date(due).toISOString()]),
    );
  };

  it('is the first clock that runs and is not recorded missed', async () => {
    expect(await nextDues()).toEqual(expected);
  });

  it('is what the backfill of the migration computes', async () => {
    await stores.db.transaction(async (tx) => {
      await tx.query(`UPDATE cases SET next_due = '-infinity'`);
      await tx.query(BACKFILL_NEXT_DUE);
    });
    expect(await nextDues()).toEqual(expected);
  });
});
