import { eventually } from '../support/eventually';
import type { TestApp } from '../support/app';
import { streamOf } from '../api/api-fixtures';

/** Waits until the read models have applied every event of these cases' streams. */
export async function projected(t: TestApp, caseIds: readonly string[]): Promise<void> {
  for (const caseId of caseIds) {
    await eventually(async () => {
      const head = (await streamOf(t.eventStore, caseId)).length - 1;
      const { rows } = await t.database.query<{ last_revision: number }>(
        'SELECT last_revision FROM cases WHERE id = $1',
        [caseId],
      );
      return rows[0]?.last_revision === head;
    });
  }
}
