import { caseStreamName } from '@recourse/domain';
import { tamperWithSql } from '../event-store/postgres-tamper';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import { castOf, command, fileCase, type Cast } from '../api/api-fixtures';
import { projected } from './support';

describe('GET /v1/audit/verify', () => {
  let t: TestApp;
  let cast: Cast;
  const cases: string[] = [];

  const verify = async () =>
    (await t.http.get('/v1/audit/verify').set('Authorization', cast.oversight).expect(200)).body;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({ worker: true });
    cast = await castOf(t);
    for (let i = 0; i < 3; i++) {
      const caseId = await fileCase(t, cast.owner);
      await command(t, cast.caseworker, caseId, 'acknowledge');
      await command(t, cast.caseworker, caseId, 'notes', { text: `note ${i}` });
      cases.push(caseId);
    }
    await projected(t, cases);
  });
  afterAll(() => t.close());

  it('reports every chain intact, then the edited event and the cut-off stream', async () => {
    expect(await verify()).toEqual({
      verified: true,
      checkedStreams: 3,
      checkedEvents: 9,
      broken: [],
    });

    const tamper = tamperWithSql(t.database);
    const [edited, cut] = cases;
    await tamper.editData(caseStreamName(edited), 1);
    await tamper.deleteEvent(caseStreamName(cut), 2); // the last one: the chain alone cannot tell
    const report = await verify();
    expect(report).toMatchObject({ verified: false, checkedStreams: 3, checkedEvents: 8 });
    expect(report.broken).toEqual(
      [
        {
          caseId: edited,
          firstBrokenRevision: 1,
          reason: expect.stringMatching(/hash of revision 1 does not match its content/),
        },
        {
          caseId: cut,
          firstBrokenRevision: 2,
          reason: expect.stringMatching(/ends at revision 1 .* saw revision 2/),
        },
      ].sort((a, b) => a.caseId.localeCompare(b.caseId)),
    );
  });

  it('is for oversight only', async () => {
    await t.http.get('/v1/audit/verify').set('Authorization', cast.supervisor).expect(403);
    await t.http.get('/v1/audit/verify').set('Authorization', cast.owner).expect(403);
  });
});
