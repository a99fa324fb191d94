import { randomUUID } from 'node:crypto';
import { CaseCommandService } from '@recourse/commands';
import { examplePolicy } from '@recourse/domain';
import { PersonalDataService } from '@recourse/personal-data';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import { appealExample } from '../support/fixtures';
import { eventually } from '../support/eventually';
import { castOf, command, fileCase, petitionBody, type Cast } from '../api/api-fixtures';
import { bodyOf, startSmtpServer } from './support';

const WANG = 'citizen-wang';
const { grounds, remedy } = appealExample();
const CONTACT = appealExample().appellant.contact;

describe('notifications to citizens: inbox and e-mail (embedded mode, a real SMTP server)', () => {
  let t: TestApp;
  let cast: Cast;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  const inboxOf = async (token: string, query = '') =>
    (await t.http.get(`/v1/me/notifications${query}`).set('Authorization', token).expect(200))
      .body as {
      items: {
        id: string;
        at: string;
        caseId: string;
        type: string;
        text: string;
        read: boolean;
      }[];
      nextCursor: string | null;
    };
  const typesFor = async (caseId: string) =>
    (await inboxOf(cast.owner, '?limit=100')).items
      .filter((item) => item.caseId === caseId)
      .map((item) => item.type);

  beforeAll(async () => {
    quietNestLogs();
    smtp = await startSmtpServer();
    t = await startTestApp({
      policy: { ...examplePolicy, petition: { supportThreshold: 1 } },
      worker: true,
      env: {
        SMTP_URL: smtp.url,
        NOTIFY_FROM: 'Recourse <notify@recourse.test>',
        RATE_LIMIT_PER_MINUTE: '0',
        RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '0',
      },
    });
    cast = await castOf(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('tells the appellant what happened, what happens next and by when, in the inbox and by e-mail', async () => {
    const caseId = await fileCase(t, cast.owner);
    await command(t, cast.caseworker, caseId, 'acknowledge');
    await command(t, cast.caseworker, caseId, 'request-information', {
      question: 'Which station did you scan?',
    });
    await command(t, cast.owner, caseId, 'information', { message: 'Zhengzhou East.' });
    await command(t, cast.caseworker, caseId, 'decision', {
      outcome: 'overturned',
      reasons: 'The scan predates the exposure window.',
    });
    const items = await eventually(async () => {
      const page = await inboxOf(cast.owner);
      const mine = page.items.filter((item) => item.caseId === caseId);
      return mine.length === 3 && mine;
    });
    expect(items.map((item) => item.type)).toEqual([
      'DecisionIssued',
      'InformationRequested',
      'CaseAcknowledged',
    ]);
    const [decided, asked, acknowledged] = items;
    expect(acknowledged.text).toMatch(
      /^Zhengzhou Health Commission acknowledged your appeal RC-\S+\. Next: Zhengzhou Health Commission must decide: due .+ Asia\/Shanghai: 1 day from /,
    );
    expect(asked.text).toMatch(/asked you for information .* Next: answer the question/);
    expect(asked.text).toMatch(/its decision was due .+ Asia\/Shanghai/);
    expect(decided.text).toMatch(
      /decided your appeal RC-\S+: the decision you contested is overturned\. Next: if you disagree, you may escalate the case to Henan Provincial Health Commission until .+ Asia\/Shanghai; after that it closes/,
    );
    expect(items.every((item) => item.read === false && !Number.isNaN(Date.parse(item.at)))).toBe(
      true,
    );

    const mails = await eventually(async () => {
      return smtp.mails.length >= 3 && smtp.mails;
    });
    expect(mails).toHaveLength(3);
    for (const mail of mails) {
      expect(mail.to).toEqual([CONTACT]);
      expect(mail.from).toBe('notify@recourse.test');
      const body = bodyOf(mail.raw);
      expect(body).not.toContain(CONTACT);
      expect(body).not.toContain(grounds);
      expect(body).not.toContain(remedy);
      expect(mail.raw).not.toContain(grounds.slice(0, 30));
    }
    expect(mails.map((mail) => bodyOf(mail.raw))).toEqual(
      expect.arrayContaining([expect.stringContaining('acknowledged your appeal')]),
    );
  });

  it('pages the inbox newest first with a cursor, and shows each citizen only their own', async () => {
    const first = await inboxOf(cast.owner, '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await inboxOf(cast.owner, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.length).toBeGreaterThan(0);
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    const times = all.map((item) => Date.parse(item.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await inboxOf(cast.otherCitizen)).items).toEqual([]);
    await t.http.get('/v1/me/notifications').set('Authorization', cast.caseworker).expect(403);
    const bad = await t.http
      .get('/v1/me/notifications?cursor=bm90LWEtY3Vyc29y')
      .set('Authorization', cast.owner)
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    await t.http.get('/v1/me/notifications?limit=0').set('Authorization', cast.owner).expect(400);
  });

  it("tells a withdrawn case's owner only that the withdrawal is confirmed", async () => {
    const caseId = await fileCase(t, cast.owner);
    await command(t, cast.owner, caseId, 'withdraw', {});
    await eventually(async () => (await typesFor(caseId)).length === 1);
    expect(await typesFor(caseId)).toEqual(['CaseWithdrawn']);
    const [confirmation] = (await inboxOf(cast.owner)).items.filter((i) => i.caseId === caseId);
    expect(confirmation.text).toMatch(/^You withdrew your appeal RC-\S+\. Nothing more happens/);
  });

  it('sends nothing more to a subject whose personal data was erased (keys destroyed, PersonalDataErased)', async () => {
    const erased = await fileCase(t, cast.otherCitizen);
    const control = await fileCase(t, cast.owner);
    const keys = await t.app.get(PersonalDataService).keys.destroy(WANG, new Date());
    await t.app
      .get(CaseCommandService)
      .execute(
        erased,
        { type: 'ErasePersonalData', subject: WANG, reason: 'request', keys: keys ?? [] },
        { actor: { id: 'adm-1', role: 'admin' }, correlationId: randomUUID() },
      );
    const mailsBefore = smtp.mails.length;
    await command(t, cast.caseworker, erased, 'acknowledge');
    await command(t, cast.caseworker, control, 'acknowledge');
    await eventually(async () => (await typesFor(control)).includes('CaseAcknowledged'));
    await eventually(async () => smtp.mails.length === mailsBefore + 1);
    expect(smtp.mails[mailsBefore].to).toEqual([CONTACT]);
    expect((await inboxOf(cast.otherCitizen)).items.filter((i) => i.caseId === erased)).toEqual([]);
  });

  it("tells a petition's signers, by their own id, that it reached its threshold", async () => {
    const petition = await fileCase(t, cast.owner, petitionBody());
    await t.http
      .post(`/v1/cases/${petition}/signatures`)
      .set('Authorization', cast.otherCitizen)
      .send({})
      .expect(200);
    const [reached] = await eventually(async () => {
      const items = (await inboxOf(cast.otherCitizen)).items.filter((i) => i.caseId === petition);
      return items.length > 0 && items;
    });
    expect(reached.type).toBe('SupportThresholdReached');
    expect(reached.text).toMatch(/^The petition RC-\S+ reached 1 signatures\. Next: /);
    expect(await typesFor(petition)).toEqual(['SupportThresholdReached']);
  });
});
