import { isSealed } from '@recourse/domain';
import { startTestApp, type TestApp } from '../support/app';
import { AUTHORITY, streamOf } from '../api/api-fixtures';
import { leaks, PERSONAL, personalValues, rawRows, tellStory, type Story } from './support';

describe('personal data at rest (real PostgreSQL)', () => {
  let t: TestApp;
  let story: Story;
  let owner: string;
  let caseworker: string;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    owner = await t.token('citizen-zhao', 'citizen');
    caseworker = await t.token('cw-1', 'caseworker', AUTHORITY);
    story = await tellStory(t, {
      owner,
      signer: await t.token('citizen-signer', 'citizen'),
      caseworker,
    });
    // wait until the read models hold everything the story wrote
    await t.http
      .get(`/v1/cases/${story.petitionId}`)
      .set('Authorization', owner)
      .set('X-Min-Position', story.position)
      .expect(200);
  });
  afterAll(() => t.close());

  it('stores no personal value in clear in the event store or any read-model table', async () => {
    const rows = await rawRows(t.database);
    expect([...rows.keys()]).toEqual(
      expect.arrayContaining(['event_store_events', 'cases', 'case_timeline', 'case_notes']),
    );
    expect(rows.get('event_store_events')!.length).toBeGreaterThan(10);
    expect(leaks(rows, personalValues())).toEqual([]);
  });

  it('stores each personal field as an AES-256-GCM envelope, the signer too', async () => {
    const [filed] = await streamOf(t.eventStore, story.appealId);
    const data = filed.data as Record<string, Record<string, unknown>>;
    for (const value of [data.appellant.name, data.appellant.contact, data.grounds, data.remedy]) {
      expect(isSealed(value)).toBe(true);
      expect(value).toEqual({
        $enc: {
          kid: expect.any(String),
          iv: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), // 12 bytes
          ct: expect.stringMatching(/^[A-Za-z0-9_-]+$/),
        },
      });
    }
    const signed = (await streamOf(t.eventStore, story.petitionId)).find(
      (event) => event.type === 'PetitionSigned',
    )!;
    expect(isSealed((signed.data as { signerId: unknown }).signerId)).toBe(true);
  });

  it('opens them for whoever may read the case, internal notes for staff only', async () => {
    const asOwner = await t.http
      .get(`/v1/cases/${story.appealId}`)
      .set('Authorization', owner)
      .expect(200);
    expect(asOwner.body.details).toMatchObject({
      grounds: PERSONAL.grounds,
      remedy: PERSONAL.remedy,
      appellant: { name: PERSONAL.name, contact: PERSONAL.contact },
    });
    const summaries = JSON.stringify(asOwner.body.timeline);
    for (const value of [PERSONAL.answer, PERSONAL.evidence, PERSONAL.escalation]) {
      expect(summaries).toContain(value);
    }
    expect(JSON.stringify(asOwner.body)).not.toContain(PERSONAL.note);
    const asStaff = await t.http
      .get(`/v1/cases/${story.appealId}`)
      .set('Authorization', caseworker)
      .expect(200);
    expect(asStaff.body.notes).toEqual([expect.objectContaining({ text: PERSONAL.note })]);
    const withdrawn = await t.http
      .get(`/v1/cases/${story.withdrawnId}`)
      .set('Authorization', owner)
      .expect(200);
    expect(JSON.stringify(withdrawn.body.timeline)).toContain(PERSONAL.withdrawal);
  });

  it('keeps signing a petition idempotent per citizen with the signer sealed', async () => {
    const signer = await t.token('citizen-signer', 'citizen');
    const again = await t.http
      .post(`/v1/cases/${story.petitionId}/signatures`)
      .set('Authorization', signer)
      .expect(200);
    const types = (await streamOf(t.eventStore, story.petitionId)).map((event) => event.type);
    expect(types.filter((type) => type === 'PetitionSigned')).toHaveLength(1);
    expect(again.body.revision).toBe(types.length - 1);
  });

  it('uses one data key per citizen, wrapped, never in clear', async () => {
    const { rows } = await t.database.query<{ subject: string; wrapped: string }>(
      'SELECT subject, wrapped FROM personal_data_keys ORDER BY subject',
    );
    expect(rows.map((row) => row.subject)).toEqual(['citizen-signer', 'citizen-zhao']);
    for (const row of rows)
      expect(Buffer.from(row.wrapped, 'base64url')).toHaveLength(12 + 32 + 16);
  });
});
