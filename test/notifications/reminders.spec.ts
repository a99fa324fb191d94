import { examplePolicy, type Policy } from '@recourse/domain';
import { openReminders } from '@recourse/notifications';
import { quietNestLogs } from '../projections/support';
import { startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/eventually';
import { castOf, command, fileCase, type Cast } from '../api/api-fixtures';
import { bodyOf, startSmtpServer } from './support';

/**
 * Every day a working day, and a citizen's window of two days and three seconds: the reminder
 * ("closes in two working days") falls due three seconds after the decision, on the wall clock.
 */
const policy: Policy = {
  ...examplePolicy,
  calendars: { cn: { ...examplePolicy.calendars.cn, weekend: [], holidays: [] } },
  escalation: { ...examplePolicy.escalation, citizenWindow: 'P2DT3S' },
};

describe('the escalation window reminder (deadline timers, in process)', () => {
  let t: TestApp;
  let cast: Cast;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  const typesFor = async (caseId: string) =>
    (
      await t.http
        .get('/v1/me/notifications?limit=100')
        .set('Authorization', cast.owner)
        .expect(200)
    ).body.items
      .filter((item: { caseId: string }) => item.caseId === caseId)
      .map((item: { type: string }) => item.type);
  const decide = async () => {
    const caseId = await fileCase(t, cast.owner);
    await command(t, cast.caseworker, caseId, 'acknowledge');
    await command(t, cast.caseworker, caseId, 'decision', { outcome: 'upheld', reasons: 'Valid.' });
    return caseId;
  };

  beforeAll(async () => {
    quietNestLogs();
    smtp = await startSmtpServer();
    t = await startTestApp({
      policy,
      worker: true,
      env: {
        SMTP_URL: smtp.url,
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

  it('reminds the appellant two working days before the window closes, in the inbox and by e-mail; not once the decision is superseded', async () => {
    const reminded = await decide();
    const superseded = await decide();
    await command(t, cast.owner, superseded, 'escalate', { grounds: 'The scan was not mine.' });
    // once the read models show both decisions and the escalation
    await eventually(async () => {
      const open = [];
      for await (const page of openReminders(t.database, t.eventStore, policy, new Date()))
        open.push(...page.map((reminder) => reminder.caseId));
      return open.length === 1 && open[0] === reminded;
    }, 10_000);
    await eventually(
      async () => (await typesFor(reminded)).includes('EscalationWindowClosing'),
      15_000,
    );
    expect(await typesFor(reminded)).toEqual([
      'EscalationWindowClosing',
      'DecisionIssued',
      'CaseAcknowledged',
    ]);
    await eventually(async () =>
      smtp.mails.some((mail) => bodyOf(mail.raw).includes('closes in two working days')),
    );
    // the other reminder was due at the same time: it found the decision superseded
    expect(await typesFor(superseded)).not.toContain('EscalationWindowClosing');
  });
});
