import { randomUUID } from 'node:crypto';
import type { CaseCommand, ErasePersonalData } from '@recourse/domain';
import {
  admin,
  alice,
  caseworker,
  daysAfter,
  decided,
  filed,
  monday,
  system,
  timedHistory,
  type Step,
} from '@recourse/domain/testing';
import {
  ALL_CHECKPOINT,
  applyEvents,
  migrateReadModels,
  READ_MODEL_MIGRATIONS,
} from '@recourse/read-models';
import { recordedCaseEvent } from '@recourse/read-models/testing';
import { openTestDatabase, type TestDatabase } from '../support/database';

const erase: ErasePersonalData = {
  type: 'ErasePersonalData',
  subject: alice.id,
  reason: 'request',
  keys: ['k'],
};
const step = (command: CaseCommand, actor = alice, days = 1): Step => [
  command,
  actor,
  daysAfter(monday, days),
];
const closed: Step[] = [...decided, step({ type: 'CloseCase' }, system, 60)];

/** Histories covering what the backfill reads: ended or not, erased, and written to after. */
const HISTORIES: Record<string, Step[]> = {
  open: filed,
  'erased while open': [...filed, step(erase, admin)],
  withdrawn: [...filed, step({ type: 'WithdrawCase', reason: 'moved' })],
  'withdrawn, erased': [
    ...filed,
    step({ type: 'WithdrawCase', reason: 'moved' }),
    step(erase, admin, 2),
  ],
  'closed, erased': [...closed, step(erase, admin, 61)],
  'closed, erased, then noted': [
    ...closed,
    step(erase, admin, 61),
    step({ type: 'AddNote', noteId: 'n9', text: 'after the erasure' }, caseworker, 62),
  ],
};

/**
 * Rows projected before cases.ended_at and cases.personal_data_erased existed are filled by
 * migration 010 from the timeline and the notes: the same values the projection writes.
 */
describe('read-model migration 010: retention columns', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    await migrateReadModels(db);
  });
  afterAll(() => db?.close());

  it('backfills what the projection writes, for every kind of history', async () => {
    let position = 0n;
    const ids = new Map<string, string>();
    for (const [name, steps] of Object.entries(HISTORIES)) {
      const caseId = randomUUID();
      ids.set(name, caseId);
      const events = timedHistory(steps).map((timed, revision) =>
        recordedCaseEvent(timed, caseId, revision, (position += 1n), randomUUID()),
      );
      await db.transaction((tx) => applyEvents(tx, events, ALL_CHECKPOINT));
    }
    const columns = async () =>
      (
        await db.query<{ id: string; ended_at: string | null; personal_data_erased: boolean }>(
          `SELECT id::text AS id, to_json(ended_at) #>> '{}' AS ended_at, personal_data_erased
             FROM cases ORDER BY id`,
        )
      ).rows;
    const projected = await columns();
    const byName = (name: string) => projected.find((row) => row.id === ids.get(name))!;
    // the histories mean what their names say
    expect(byName('open')).toMatchObject({ ended_at: null, personal_data_erased: false });
    expect(byName('erased while open')).toMatchObject({
      ended_at: null,
      personal_data_erased: true,
    });
    expect(byName('withdrawn')).toMatchObject({ personal_data_erased: false });
    expect(byName('withdrawn').ended_at).toEqual(expect.any(String));
    expect(byName('withdrawn, erased').personal_data_erased).toBe(true);
    expect(byName('closed, erased').personal_data_erased).toBe(true);
    expect(byName('closed, erased, then noted').personal_data_erased).toBe(false);

    // as a database projected before 010 would be: the columns gone, then the migration's SQL
    await db.query(
      'DROP INDEX cases_retention_idx; ALTER TABLE cases DROP COLUMN ended_at, DROP COLUMN personal_data_erased',
    );
    await db.query(READ_MODEL_MIGRATIONS.find((m) => m.id === '010-retention')!.sql);

    expect(await columns()).toEqual(projected);
  });
});
