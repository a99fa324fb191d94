import { parse } from 'csv-parse/sync';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { AUTHORITY, appealBody, OTHER_AUTHORITY, petitionBody } from '../api/api-fixtures';

describe('open data and the privacy floor (no token, real PostgreSQL)', () => {
  let t: TestApp;
  let oversight: string;
  let otherSupervisor: string;
  let petitionId: string;

  const file = async (token: string, body: object) =>
    (await t.http.post('/v1/cases').set('Authorization', token).send(body).expect(201)).body as {
      id: string;
      position: string;
    };
  const post = (path: string, token: string, body: object = {}) =>
    t.http.post(path).set('Authorization', token).send(body).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    oversight = await t.token('ovs-1', 'oversight');
    otherSupervisor = await t.token('sv-henan', 'supervisor', OTHER_AUTHORITY);
    const caseworker = await t.token('cw-1', 'caseworker', AUTHORITY);
    const citizen = await t.token('citizen-a', 'citizen');
    // five cases at one authority (shown), four at another (below the floor)
    const here = [];
    for (let i = 0; i < 5; i++) here.push(await file(citizen, appealBody()));
    for (let i = 0; i < 4; i++) await file(citizen, appealBody({ authorityId: OTHER_AUTHORITY }));
    for (const [index, outcome] of (['overturned', 'upheld'] as const).entries()) {
      await post(`/v1/cases/${here[index].id}/acknowledge`, caseworker);
      await post(`/v1/cases/${here[index].id}/decision`, caseworker, {
        outcome,
        reasons: 'Checked against the station records.',
      });
    }
    const petition = await file(
      citizen,
      petitionBody({ appellant: { name: 'Wang', contact: 'w@example.org' } }),
    );
    petitionId = petition.id;
    await post(`/v1/cases/${petitionId}/signatures`, await t.token('signer-1', 'citizen'));
    const last = await post(
      `/v1/cases/${petitionId}/signatures`,
      await t.token('signer-2', 'citizen'),
    );
    await t.http
      .get(`/v1/cases/${petitionId}`)
      .set('Authorization', oversight)
      .set('X-Min-Position', last.body.position)
      .expect(200);
  });
  afterAll(() => t.close());

  const authority = (rows: { authorityId: string }[], id: string) =>
    rows.find((row) => row.authorityId === id);

  it('GET /v1/public/stats: per authority, groups below privacy.minGroupSize hidden (5 shown, 4 not)', async () => {
    const response = await t.http.get('/v1/public/stats').expect(200);
    expect(response.body.minGroupSize).toBe(5);
    expect(authority(response.body.authorities, AUTHORITY)).toEqual({
      authorityId: AUTHORITY,
      received: 6, // five appeals and the petition
      decided: 2,
      overturnRate: 0.5,
      onTimeRate: 1,
      medianDaysToDecision: expect.any(Number),
      belowPrivacyFloor: false,
    });
    expect(authority(response.body.authorities, OTHER_AUTHORITY)).toEqual({
      authorityId: OTHER_AUTHORITY,
      received: null,
      decided: null,
      overturnRate: null,
      onTimeRate: null,
      medianDaysToDecision: null,
      belowPrivacyFloor: true,
    });
  });

  it('gives the same as CSV that a standard parser reads', async () => {
    const response = await t.http.get('/v1/public/stats').set('Accept', 'text/csv').expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(response.text, { columns: true, skip_empty_lines: true }) as ({
      authorityId: string;
    } & Record<string, string>)[];
    expect(authority(rows, AUTHORITY)).toMatchObject({
      received: '6',
      decided: '2',
      overturnRate: '0.5',
      belowPrivacyFloor: 'false',
    });
    expect(authority(rows, OTHER_AUTHORITY)).toMatchObject({
      received: '',
      decided: '',
      belowPrivacyFloor: 'true',
    });
  });

  it('applies the floor to supervisors, not to oversight', async () => {
    const floored = await t.http
      .get('/v1/stats/outcomes')
      .set('Authorization', otherSupervisor)
      .expect(200);
    expect(floored.body.groups).toEqual([
      expect.objectContaining({ key: OTHER_AUTHORITY, total: null, belowPrivacyFloor: true }),
    ]);
    const full = await t.http.get('/v1/stats/outcomes').set('Authorization', oversight).expect(200);
    expect(full.body.groups).toContainEqual(
      expect.objectContaining({ key: OTHER_AUTHORITY, total: 4 }),
    );
  });

  it('GET /v1/public/petitions and /:id: what it asks, of whom, support as a count, no signers', async () => {
    const expected = {
      id: petitionId,
      reference: expect.any(String),
      title: petitionBody().title,
      demand: petitionBody().demand,
      authorityId: AUTHORITY,
      status: 'filed',
      signatures: 2,
      filedAt: expect.any(String),
      response: null,
    };
    const list = await t.http.get('/v1/public/petitions').expect(200);
    expect(list.body.items).toEqual([expected]);
    const one = await t.http.get(`/v1/public/petitions/${petitionId}`).expect(200);
    expect(one.body).toEqual(expected);
    const text = JSON.stringify(one.body);
    for (const hidden of ['signer-1', 'signer-2', 'citizen-a', 'Wang', 'w@example.org'])
      expect(text).not.toContain(hidden);
  });

  it("shows the authority's response once it decides", async () => {
    const caseworker = await t.token('cw-1', 'caseworker', AUTHORITY);
    await post(`/v1/cases/${petitionId}/acknowledge`, caseworker);
    await post(`/v1/cases/${petitionId}/decision`, caseworker, {
      outcome: 'partially_overturned',
      reasons: 'The rules will be published in part.',
      remedy: 'Publication of the scoring rules by July.',
    });
    const answered = await eventually(async () => {
      const response = await t.http.get(`/v1/public/petitions/${petitionId}`);
      return response.body.response && response.body;
    });
    expect(answered.response).toEqual({
      outcome: 'partially_overturned',
      reasons: 'The rules will be published in part.',
      remedy: 'Publication of the scoring rules by July.',
      decidedAt: expect.any(String),
    });
  });

  it('answers 404 for an unknown petition or an appeal', async () => {
    await t.http.get('/v1/public/petitions/00000000-0000-4000-8000-000000000000').expect(404);
    await t.http.get('/v1/public/petitions/not-a-uuid').expect(404);
  });
});
