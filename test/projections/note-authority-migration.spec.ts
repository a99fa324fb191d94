import { migrate } from '@recourse/database';
import { migrateReadModels, READ_MODEL_MIGRATIONS } from '@recourse/read-models';
import { openTestDatabase, type TestDatabase } from '../support/database';

/**
 * Notes projected before case_notes had an authority_id get the authority that held the case
 * when the note was written, from case_stints.
 */
describe('read-model migration 003: note authorities', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase();
    const before = READ_MODEL_MIGRATIONS.findIndex((m) => m.id === '003-note-authority');
    await migrate(db, 'read-models', READ_MODEL_MIGRATIONS.slice(0, before));
  });
  afterAll(() => db.close());

  it('attributes each earlier note to the authority holding the case at the time', async () => {
    const caseId = '00000000-0000-4000-8000-000000000001';
    await db.query(
      `INSERT INTO case_stints (case_id, seq, authority_id, level, received_at, escalated_at) VALUES
         ($1, 0, 'zhengzhou-health', 0, '2026-06-01T00:00:00Z', '2026-06-10T00:00:00Z'),
         ($1, 1, 'henan-health', 1, '2026-06-10T00:00:00Z', NULL)`,
      [caseId],
    );
    await db.query(
      `INSERT INTO case_notes (case_id, revision, note_id, text, author_id, occurred_at) VALUES
         ($1, 2, 'n1', 'first', 'cw-zz', '2026-06-02T00:00:00Z'),
         ($1, 5, 'n2', 'second', 'cw-hn', '2026-06-10T00:00:00Z'),
         ($1, 7, 'n3', 'third', 'cw-hn', '2026-06-11T00:00:00Z')`,
      [caseId],
    );
    await migrateReadModels(db);
    const { rows } = await db.query<{ note_id: string; authority_id: string }>(
      'SELECT note_id, authority_id FROM case_notes ORDER BY revision',
    );
    expect(rows).toEqual([
      { note_id: 'n1', authority_id: 'zhengzhou-health' },
      { note_id: 'n2', authority_id: 'henan-health' },
      { note_id: 'n3', authority_id: 'henan-health' },
    ]);
  });
});
