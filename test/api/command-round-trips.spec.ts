import { randomUUID } from 'node:crypto';
import { CaseCommandService } from '@recourse/commands';
import type { Database, Sql } from '@recourse/database';
import { caseStreamName } from '@recourse/domain';
import { ALL_CHECKPOINT, applyEvents } from '@recourse/read-models';
import { appealBody, fileAppealCommand } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/app';

/** The statements an app sends to the database, in order, while `recording` is on. */
function recorder() {
  const statements: string[] = [];
  let recording = false;
  const record = (sql: Sql): Sql => ({
    query: (text, params, options) => {
      if (recording) statements.push(text.replace(/\s+/g, ' ').trim());
      return sql.query(text, params, options);
    },
  });
  return {
    statements,
    start: () => {
      statements.length = 0;
      recording = true;
    },
    stop: () => {
      recording = false;
    },
    wrap: (db: Database): Database => ({
      ...db,
      kind: db.kind,
      ...record(db),
      transaction: (fn) => db.transaction((tx) => fn(record(tx))),
      listen: (channel, onNotify) => db.listen(channel, onNotify),
      close: () => db.close(),
    }),
  };
}

const touchesEvents = (statement: string) => statement.includes('event_store_events');

/** What people wait on costs as few round trips as it can: counted, so a regression shows. */
describe('round trips of the command path', () => {
  const db = recorder();
  let app: TestApp;
  let citizen: string;

  beforeAll(async () => {
    app = await startTestApp({ wrapDatabase: db.wrap });
    citizen = await app.token('rt-citizen', 'citizen');
  });
  afterAll(() => app.close());

  /** waits out the coalesced NOTIFY, so that it is counted with the request that caused it */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it('files a new case with one statement on the events (no read of the new stream) and one NOTIFY', async () => {
    db.start();
    await app.http.post('/v1/cases').set('Authorization', citizen).send(appealBody()).expect(201);
    await settle();
    db.stop();
    const events = db.statements.filter(touchesEvents);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatch(/^WITH inserted AS \( INSERT INTO event_store_events/);
    expect(db.statements.filter((s) => s.includes('pg_notify'))).toHaveLength(1);
  });

  it("reads or creates a citizen's data key in one statement, and seals their later filings without it", async () => {
    const newcomer = await app.token(`rt-${randomUUID()}`, 'citizen');
    const file = () =>
      app.http.post('/v1/cases').set('Authorization', newcomer).send(appealBody()).expect(201);
    const keyStatements = () => db.statements.filter((s) => s.includes('personal_data_keys'));
    db.start();
    await file();
    db.stop();
    expect(keyStatements()).toHaveLength(1);
    // on the PostgreSQL store a new key commits without a flush of its own, so it is kept for
    // sealing only once read back (a crash before its append could have taken it)
    db.start();
    await file();
    db.stop();
    expect(keyStatements()).toHaveLength(1);
    db.start();
    await file();
    db.stop();
    expect(keyStatements()).toEqual([]);
  });

  it('coalesces the NOTIFYs of appends committed together', async () => {
    db.start();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        app.http.post('/v1/cases').set('Authorization', citizen).send(appealBody()).expect(201),
      ),
    );
    await settle();
    db.stop();
    expect(db.statements.filter((s) => s.startsWith('WITH inserted AS'))).toHaveLength(10);
    expect(db.statements.filter((s) => s.includes('pg_notify')).length).toBeLessThan(10);
  });

  it('reads a case and the data keys that open it in one statement', async () => {
    const filed = await app.http
      .post('/v1/cases')
      .set('Authorization', citizen)
      .send(appealBody())
      .expect(201);
    const events = await app.eventStore.readStream(caseStreamName(filed.body.id));
    await app.database.transaction((tx) => applyEvents(tx, events, ALL_CHECKPOINT));
    await settle();
    db.start();
    await app.http.get(`/v1/cases/${filed.body.id}`).set('Authorization', citizen).expect(200);
    db.stop();
    // the owner's wrapped keys come with the case: opening its sealed values reads nothing more
    const reads = db.statements.filter((s) =>
      /\b(cases|case_timeline|case_notes|personal_data_keys)\b/.test(s),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/\bcase_timeline\b.*\bpersonal_data_keys\b/);
  });

  it('refuses a filing whose given new id exists after all: the append is refused, then the case is read', async () => {
    const commands = app.app.get(CaseCommandService);
    const caseId = randomUUID();
    const actor = { id: 'rt-citizen', role: 'citizen' as const };
    const file = () =>
      commands.execute(caseId, fileAppealCommand(caseId), {
        actor,
        correlationId: randomUUID(),
        newCase: true,
      });
    expect((await file()).revision).toBe(0);
    await expect(file()).rejects.toMatchObject({ code: 'case-already-exists' });
    expect(await app.eventStore.readStream(caseStreamName(caseId))).toHaveLength(1);
  });
});
