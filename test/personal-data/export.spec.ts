import { ERASED } from '@recourse/domain';
import { startTestApp, type TestApp } from '../support/app';
import { AUTHORITY } from '../api/api-fixtures';
import { PERSONAL, tellStory, type Story } from './support';

describe('GET /v1/me/export (right of access)', () => {
  let t: TestApp;
  let owner: string;
  let story: Story;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    owner = await t.token('citizen-zhao', 'citizen');
    const caseworker = await t.token('cw-1', 'caseworker', AUTHORITY);
    story = await tellStory(t, {
      owner,
      signer: await t.token('citizen-signer', 'citizen'),
      caseworker,
    });
    // a caseworker's read: an access record of the appeal
    await t.http
      .get(`/v1/cases/${story.appealId}`)
      .set('Authorization', caseworker)
      .set('X-Min-Position', story.position)
      .expect(200);
  });
  afterAll(() => t.close());

  const exported = async () =>
    (await t.http.get('/v1/me/export').set('Authorization', owner).expect(200)).body as {
      subject: string;
      cases: {
        case: { id: string };
        events: { type: string; data: Record<string, unknown> }[];
        accessRecords: { actor: { id: string } }[];
      }[];
    };

  it("gives the citizen's cases, events and access records, decrypted", async () => {
    const body = await exported();
    expect(body.subject).toBe('citizen-zhao');
    expect(body.cases.map((entry) => entry.case.id).sort()).toEqual(
      [story.appealId, story.withdrawnId, story.petitionId].sort(),
    );
    const appeal = body.cases.find((entry) => entry.case.id === story.appealId)!;
    const text = JSON.stringify(appeal);
    for (const value of [
      PERSONAL.name,
      PERSONAL.contact,
      PERSONAL.grounds,
      PERSONAL.answer,
      PERSONAL.evidence,
      PERSONAL.escalation,
    ]) {
      expect(text).toContain(value);
    }
    expect(text).not.toContain('$enc');
    expect(appeal.events[0]).toMatchObject({ type: 'CaseFiled' });
    expect(appeal.accessRecords).toContainEqual(
      expect.objectContaining({ actor: expect.objectContaining({ id: 'cw-1' }) }),
    );
  });

  it('keeps internal notes internal and other signers as a count', async () => {
    const body = await exported();
    const text = JSON.stringify(body);
    expect(text).not.toContain(PERSONAL.note);
    expect(text).not.toContain('citizen-signer');
    const petition = body.cases.find((entry) => entry.case.id === story.petitionId)!;
    expect(petition.events.find((event) => event.type === 'PetitionSigned')!.data).toEqual({
      signatures: 1,
    });
  });

  it('shows "[erased]" once the citizen is erased', async () => {
    const admin = await t.token('adm-1', 'admin');
    await t.http
      .post('/v1/subjects/citizen-zhao/erasure')
      .set('Authorization', admin)
      .send({})
      .expect(200);
    const text = JSON.stringify(await exported());
    expect(text).not.toContain(PERSONAL.grounds);
    expect(text).toContain(ERASED);
  });

  it('is for citizens only', async () => {
    await t.http
      .get('/v1/me/export')
      .set('Authorization', await t.token('ovs-1', 'oversight'))
      .expect(403);
  });
});
