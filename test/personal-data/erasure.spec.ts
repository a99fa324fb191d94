import { ERASED } from '@recourse/domain';
// implementations the project did not write: sigstore's C2SP checkpoint and RFC 9162 inclusion checks
import { verifyCheckpoint, type LogCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { AUTHORITY, appealBody, OTHER_AUTHORITY, streamOf } from '../api/api-fixtures';
import { checkpointOfEverything, sigstoreTlog, treeOfEvents } from '../transparency/support';
import { leaks, PERSONAL, personalValues, rawRows, tellStory, type Story } from './support';

const OWNER = 'citizen-zhao';

describe('erasure of a subject (crypto-shredding, real PostgreSQL)', () => {
  let t: TestApp;
  let story: Story;
  let owner: string;
  let caseworker: string;
  let admin: string;
  let oversight: string;
  let otherAuthorityCase: string;
  /** signed before the erasure, over every event then */
  let checkpointBefore: string;

  const view = async (caseId: string, token = caseworker) =>
    (await t.http.get(`/v1/cases/${caseId}`).set('Authorization', token).expect(200)).body as {
      timeline: { type: string }[];
      details: Record<string, unknown>;
      revision: number;
    };
  const erase = (sub: string, token = admin) =>
    t.http.post(`/v1/subjects/${sub}/erasure`).set('Authorization', token).send({});
  /** waits until the read model shows the case at `revision` */
  const projected = (caseId: string, revision: number, token = oversight) =>
    eventually(async () => {
      const response = await t.http.get(`/v1/cases/${caseId}`).set('Authorization', token);
      const body = response.body as Awaited<ReturnType<typeof view>>;
      return response.status === 200 && body.revision >= revision && body;
    });
  beforeAll(async () => {
    t = await startTestApp({ worker: true, env: { RECOURSE_CHECKPOINT_INTERVAL: 'PT0.1S' } });
    owner = await t.token(OWNER, 'citizen');
    caseworker = await t.token('cw-1', 'caseworker', AUTHORITY);
    admin = await t.token('adm-1', 'admin');
    oversight = await t.token('ovs-1', 'oversight');
    story = await tellStory(t, {
      owner,
      signer: await t.token('citizen-signer', 'citizen'),
      caseworker,
    });
    const filed = await t.http
      .post('/v1/cases')
      .set('Authorization', owner)
      .send(
        appealBody({
          authorityId: OTHER_AUTHORITY,
          grounds: PERSONAL.grounds,
          appellant: { name: PERSONAL.name, contact: PERSONAL.contact },
        }),
      )
      .expect(201);
    otherAuthorityCase = filed.body.id;
    await t.http
      .get(`/v1/cases/${otherAuthorityCase}`)
      .set('Authorization', owner)
      .set('X-Min-Position', filed.body.position)
      .expect(200);
    await t.http
      .get(`/v1/cases/${story.petitionId}`)
      .set('Authorization', owner)
      .set('X-Min-Position', story.position)
      .expect(200);
    checkpointBefore = (await checkpointOfEverything(t)).note;
  });
  afterAll(() => t.close());

  it('refuses a citizen with open cases, a citizen for someone else, and an unknown subject', async () => {
    expect((await erase(OWNER, owner)).status).toBe(409);
    expect((await erase('citizen-signer', owner)).status).toBe(403);
    expect((await erase(OWNER, caseworker)).status).toBe(403);
    const unknown = await erase('nobody-at-all');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('destroys the key, appends PersonalDataErased to every case at both authorities, changes nothing else', async () => {
    const before = await rawRows(t.database);
    const owned = [story.appealId, story.withdrawnId, story.petitionId, otherAuthorityCase];
    const response = await erase(OWNER).expect(200);
    expect(response.body).toEqual({
      subject: OWNER,
      keys: [expect.any(String)],
      cases: expect.arrayContaining(
        owned.map((caseId) => ({ caseId, revision: expect.any(Number), fullyErased: true })),
      ),
    });
    expect(response.body.cases).toHaveLength(4);
    for (const { caseId, revision } of response.body.cases) await projected(caseId, revision);

    const after = await rawRows(t.database);
    // events: every row as it was, plus one PersonalDataErased per case
    const events = after.get('event_store_events')!;
    const added = events.filter((row) => !before.get('event_store_events')!.includes(row));
    expect(before.get('event_store_events')!.every((row) => events.includes(row))).toBe(true);
    const parsed = added.map((row) => JSON.parse(row) as { stream: string; type: string });
    const toCases = parsed.filter((event) => event.stream.startsWith('case-'));
    expect(toCases).toHaveLength(4);
    expect(toCases.every((event) => event.type === 'PersonalDataErased')).toBe(true);
    // the rest are the read audit's records of the views read above (access streams)
    expect(parsed.filter((event) => !event.stream.startsWith('case-'))).toEqual(
      parsed.filter((event) => event.type === 'CaseRead'),
    );
    // keys: only the owner's changed, and it holds no key material any more
    const keysAfter = after.get('personal_data_keys')!;
    const changed = keysAfter.filter((row) => !before.get('personal_data_keys')!.includes(row));
    expect(changed).toHaveLength(1);
    expect(JSON.parse(changed[0])).toMatchObject({ subject: OWNER, wrapped: null });
    // read models: earlier timeline entries and notes stay byte for byte
    for (const table of ['case_timeline', 'case_notes']) {
      expect(before.get(table)!.every((row) => after.get(table)!.includes(row))).toBe(true);
    }
    expect(leaks(after, personalValues())).toEqual([]);
  });

  it('shows "[erased]" in every view, for staff and the owner alike', async () => {
    const staffView = await view(story.appealId);
    expect(staffView.details).toMatchObject({
      grounds: ERASED,
      remedy: ERASED,
      appellant: { name: ERASED, contact: ERASED },
    });
    const text = JSON.stringify(staffView);
    for (const value of personalValues()) expect(text).not.toContain(value);
    expect(text).toContain(ERASED);
    expect(staffView.timeline.at(-1)).toMatchObject({ type: 'PersonalDataErased' });
    for (const caseId of [story.withdrawnId, story.petitionId]) {
      const ownView = JSON.stringify(await view(caseId, owner));
      for (const value of personalValues()) expect(ownView).not.toContain(value);
    }
    const elsewhere = await view(otherAuthorityCase, owner);
    expect(elsewhere.details).toMatchObject({ grounds: ERASED });
  });

  it('leaves every hash chain verifiable', async () => {
    const verify = await t.http.get('/v1/audit/verify').set('Authorization', oversight).expect(200);
    expect(verify.body).toMatchObject({ verified: true, broken: [] });
    const audit = await t.http
      .get(`/v1/cases/${story.appealId}/audit`)
      .set('Authorization', oversight)
      .expect(200);
    expect(audit.body.verified).toBe(true);
  });

  it('keeps the transparency log append-only: what was signed before is a prefix of what is signed after', async () => {
    const tlog = sigstoreTlog((await t.http.get('/v1/log/key').expect(200)).text);
    const verified = (note: string) =>
      verifyCheckpoint(
        { inclusionProof: { checkpoint: { envelope: note } } } as never,
        [tlog] as never,
      ) as LogCheckpoint;
    const before = verified(checkpointBefore);
    const { events, note } = await checkpointOfEverything(t);
    const after = verified(note);
    const [oldSize, newSize] = [Number(before.logSize), events.length];
    expect(Number(after.logSize)).toBe(newSize);
    // the erasure appended to the log: the old root is the root of the new log's first leaves
    expect(newSize).toBeGreaterThan(oldSize);
    expect(Buffer.from(before.logHash)).toEqual(await treeOfEvents(events).root(oldSize));
    // every leaf signed before is proven included in the checkpoint after, checked by sigstore
    for (let logIndex = 0; logIndex < oldSize; logIndex++) {
      const { body } = await t.http
        .get(`/v1/log/proof/inclusion?logIndex=${logIndex}&treeSize=${newSize}`)
        .expect(200);
      verifyMerkleInclusion(
        {
          canonicalizedBody: Buffer.from(events[logIndex].metadata.hash, 'ascii'),
          inclusionProof: {
            logIndex: String(logIndex),
            hashes: body.hashes.map((h: string) => Buffer.from(h, 'hex')),
          },
        } as never,
        { logSize: BigInt(newSize), logHash: Buffer.from(after.logHash) } as never,
      );
    }
    const consistency = await t.http
      .get(`/v1/log/proof/consistency?from=${oldSize}&to=${newSize}`)
      .expect(200);
    const expected = await treeOfEvents(events).consistencyProof(oldSize, newSize);
    expect(consistency.body.hashes).toEqual(expected.hashes.map((h) => h.toString('hex')));
  });

  it('is idempotent: a repeat appends nothing and reports the same', async () => {
    const first = await streamOf(t.eventStore, story.appealId);
    const again = await erase(OWNER).expect(200);
    expect(again.body.cases).toContainEqual({
      caseId: story.appealId,
      revision: first.length - 1,
      fullyErased: true,
    });
    expect(await streamOf(t.eventStore, story.appealId)).toHaveLength(first.length);
  });

  it('erases a signer who owns no case: their key goes, no case changes', async () => {
    const response = await erase('citizen-signer').expect(200);
    expect(response.body).toEqual({
      subject: 'citizen-signer',
      keys: [expect.any(String)],
      cases: [],
    });
  });

  it('lets a citizen erase themself once every case of theirs has ended', async () => {
    const citizen = await t.token('citizen-short', 'citizen');
    const filed = await t.http
      .post('/v1/cases')
      .set('Authorization', citizen)
      .send(appealBody({ grounds: 'SHORT-4f1c grounds' }))
      .expect(201);
    await t.http
      .post(`/v1/cases/${filed.body.id}/withdraw`)
      .set('Authorization', citizen)
      .send({})
      .expect(200);
    // erasure finds the subject's cases in the read models
    await projected(filed.body.id, 1);
    const response = await erase('citizen-short', citizen).expect(200);
    expect(response.body.cases).toEqual([
      { caseId: filed.body.id, revision: 2, fullyErased: true },
    ]);
  });

  it('erasure racing a command on the same case: both land, the chain holds, nothing before it opens', async () => {
    const racer = await t.token('citizen-race', 'citizen');
    const filed = await t.http
      .post('/v1/cases')
      .set('Authorization', racer)
      .send(appealBody({ grounds: 'RACE-4f1c grounds' }))
      .expect(201);
    const caseId = filed.body.id as string;
    await projected(caseId, 0);
    const [evidence, erased] = await Promise.all([
      t.http
        .post(`/v1/cases/${caseId}/evidence`)
        .set('Authorization', racer)
        .send({ description: 'RACE-4f1c evidence' }),
      erase('citizen-race'),
    ]);
    expect(evidence.status).toBe(200);
    expect(erased.status).toBe(200);
    const events = await streamOf(t.eventStore, caseId);
    expect(events.filter((event) => event.type === 'PersonalDataErased')).toHaveLength(1);
    const verify = await t.http.get('/v1/audit/verify').set('Authorization', oversight).expect(200);
    expect(verify.body.verified).toBe(true);
    const body = await projected(caseId, events.length - 1);
    expect(body.details.grounds).toBe(ERASED);
    // the evidence sealed before the key was destroyed is erased; sealed after, under a new key,
    // it is the citizen's new data and stays readable
    const evidenceAt = events.findIndex((event) => event.type === 'EvidenceAdded');
    const erasedAt = events.findIndex((event) => event.type === 'PersonalDataErased');
    const shown = JSON.stringify(body.timeline);
    if (evidenceAt < erasedAt) expect(shown).not.toContain('RACE-4f1c evidence');
  });
});
