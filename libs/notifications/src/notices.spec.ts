import type { CaseEventAt } from '@recourse/deadlines';
import {
  decide,
  examplePolicy,
  fold,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseEventType,
  type Policy,
} from '@recourse/domain';
import { escalationWindowClosing, noticesFor, type Notice } from './notices';
import { reminderSetBy } from './reminders';

const liu: Actor = { id: 'liu', role: 'citizen' };
const staff = (authorityId: string): Actor => ({
  id: `cw-${authorityId}`,
  role: 'caseworker',
  authorityId,
});
const system: Actor = { id: 'system', role: 'system' };
/** Monday 15 June 2026, 09:00 Asia/Shanghai */
const monday = new Date('2026-06-15T01:00:00Z');
const GROUNDS = 'My code turned red after scanning a station QR code.';
const CONTACT = 'liu@example.org';

/** A case's events as the decider produces them, command after command. */
class Story {
  readonly events: CaseEvent[] = [];
  private readonly times: string[] = [];

  constructor(private readonly policy: Policy = examplePolicy) {}

  act(command: CaseCommand, actor: Actor, now = monday): this {
    const events = decide(command, fold(this.events), { actor, now, policy: this.policy });
    this.events.push(...events);
    this.times.push(...events.map(() => now.toISOString()));
    return this;
  }

  /** the events up to `revision` (default: all) as the stream hands them out */
  history(revision = this.events.length - 1): CaseEventAt[] {
    return this.events
      .slice(0, revision + 1)
      .map((event, r) => ({ revision: r, event, occurredAt: this.times[r] }));
  }

  /** the notices of the event at `revision` (default: the last), as the notifier computes them */
  notices(revision = this.events.length - 1): Notice[] {
    return noticesFor(this.history(revision), this.events[revision + 1], this.policy);
  }

  revisionOf(type: CaseEventType): number {
    return this.events.findLastIndex((event) => event.type === type);
  }
}

const appeal = (): Story =>
  new Story().act(
    {
      type: 'FileCase',
      caseId: 'c1',
      reference: 'RC-2026-000001',
      kind: 'appeal',
      authorityId: 'zhengzhou-health',
      priority: 'standard',
      appellant: { name: 'Liu', contact: CONTACT },
      decision: {
        reference: 'HC-1',
        type: 'health-code',
        outcome: 'red',
        issuedAt: '2026-06-13T08:10:00Z',
        statedReason: null,
        automation: 'full',
      },
      grounds: GROUNDS,
      remedy: 'Restore my code to green.',
    },
    liu,
  );

const zz = staff('zhengzhou-health');

describe('noticesFor', () => {
  it('tells the owner of an acknowledgement what comes next and by when, with the deadline explained', () => {
    const story = appeal().act({ type: 'AcknowledgeCase' }, zz);
    expect(story.notices(0)).toEqual([]);
    expect(story.notices()).toEqual([
      {
        recipientId: 'liu',
        type: 'CaseAcknowledged',
        email: true,
        text:
          'Zhengzhou Health Commission acknowledged your appeal RC-2026-000001. Next: Zhengzhou ' +
          'Health Commission must decide: due 6 Jul 2026 09:00 Asia/Shanghai: 15 working days ' +
          'from 15 Jun 2026; skipped 6 weekend days.',
      },
    ]);
  });

  it('tells a decision with the end of the escalation window, or that it is final', () => {
    const story = appeal()
      .act({ type: 'AcknowledgeCase' }, zz)
      .act({ type: 'IssueDecision', outcome: 'upheld', reasons: 'Valid.' }, zz);
    expect(story.notices()[0].text).toBe(
      'Zhengzhou Health Commission decided your appeal RC-2026-000001: the decision you contested ' +
        'stands (upheld). Next: if you disagree, you may escalate the case to Henan Provincial ' +
        'Health Commission until 30 Jun 2026 09:00 Asia/Shanghai; after that it closes and the ' +
        'decision stands.',
    );
  });

  it('tells a missed deadline once, with the escalation the policy makes of it: where and the new deadline', () => {
    const story = appeal().act(
      { type: 'RecordMissedDeadline', deadline: 'acknowledge', setAtRevision: 0 },
      system,
      new Date('2026-06-18T00:00:00Z'),
    );
    expect(story.events.map((e) => e.type)).toEqual([
      'CaseFiled',
      'DeadlineMissed',
      'CaseEscalated',
    ]);
    expect(story.notices(1)).toEqual([]);
    const [escalated] = story.notices(2);
    expect(escalated.text).toMatch(
      /^Zhengzhou Health Commission missed its deadline, so your appeal RC-2026-000001 moved to Henan Provincial Health Commission\. Next: Henan Provincial Health Commission must acknowledge it: due .+ Asia\/Shanghai: 2 working days from 18 Jun 2026/,
    );
  });

  it('tells a missed deadline on its own where nothing escalates it', () => {
    const policy: Policy = {
      ...examplePolicy,
      escalation: { ...examplePolicy.escalation, onMissedDeadline: false },
    };
    const story = new Story(policy);
    story.events.push(...appeal().events);
    story.act(
      { type: 'RecordMissedDeadline', deadline: 'acknowledge', setAtRevision: 0 },
      system,
      new Date('2026-06-18T00:00:00Z'),
    );
    expect(story.notices()).toEqual([
      expect.objectContaining({
        type: 'DeadlineMissed',
        text: expect.stringMatching(
          /missed its deadline to acknowledge your appeal RC-2026-000001 \(due 17 Jun 2026 09:00 Asia\/Shanghai\)\. Next: you may escalate the case to Henan Provincial Health Commission now/,
        ),
      }),
    ]);
  });

  it("tells a withdrawal's confirmation, and nothing after it", () => {
    const story = appeal().act({ type: 'WithdrawCase' }, liu);
    expect(story.notices().map((n) => n.type)).toEqual(['CaseWithdrawn']);
    const history = story.history();
    const later: CaseEventAt = {
      revision: history.length,
      event: { type: 'CaseClosed', data: { reason: 'final-decision' } },
      occurredAt: monday.toISOString(),
    };
    expect(noticesFor([...history, later], undefined, examplePolicy)).toEqual([]);
  });

  it('tells petition filers and signers that the threshold is reached and how the authority responded', () => {
    const policy: Policy = { ...examplePolicy, petition: { supportThreshold: 2 } };
    const story = new Story(policy).act(
      {
        type: 'FileCase',
        caseId: 'p1',
        reference: 'RC-2026-PETIT1',
        kind: 'petition',
        authorityId: 'zhengzhou-health',
        priority: 'standard',
        appellant: { name: 'Wang', contact: 'wang@example.org' },
        title: 'Publish the rules',
        demand: 'Publish every rule.',
      },
      { id: 'wang', role: 'citizen' },
    );
    story.act({ type: 'SignPetition' }, { id: 's1', role: 'citizen' });
    story.act({ type: 'SignPetition' }, { id: 's2', role: 'citizen' });
    const reached = story.notices(story.revisionOf('SupportThresholdReached'));
    expect(reached.map((n) => [n.recipientId, n.email])).toEqual([
      ['wang', true],
      ['s1', false],
      ['s2', false],
    ]);
    expect(reached[0].text).toMatch(
      /^The petition RC-2026-PETIT1 reached 2 signatures\. Next: Zhengzhou Health Commission must respond: due /,
    );
    story.act({ type: 'AcknowledgeCase' }, zz);
    story.act({ type: 'IssueDecision', outcome: 'upheld', reasons: 'We will publish.' }, zz);
    const responded = story.notices();
    expect(responded.map((n) => n.recipientId)).toEqual(['wang', 's1', 's2']);
    expect(responded[1].text).toBe(
      'Zhengzhou Health Commission responded to the petition RC-2026-PETIT1 you signed: the ' +
        'petition is upheld. Nothing more is asked of you.',
    );
  });

  it('never puts the grounds or the contact in a notice', () => {
    const story = appeal()
      .act({ type: 'AcknowledgeCase' }, zz)
      .act({ type: 'RequestInformation', requestId: 'r1', question: 'Which station?' }, zz)
      .act({ type: 'ProvideInformation', message: 'East.' }, liu)
      .act({ type: 'IssueDecision', outcome: 'rejected', reasons: 'No.' }, zz)
      .act({ type: 'RequestEscalation', grounds: GROUNDS }, liu);
    const texts = story.events.flatMap((_, revision) => story.notices(revision)).map((n) => n.text);
    expect(texts.length).toBeGreaterThanOrEqual(4);
    for (const text of texts) {
      expect(text).not.toContain(GROUNDS);
      expect(text).not.toContain(CONTACT);
      expect(text).not.toContain('Liu');
    }
  });
});

describe('the escalation window reminder', () => {
  const decided = () =>
    appeal()
      .act({ type: 'AcknowledgeCase' }, zz)
      .act({ type: 'IssueDecision', outcome: 'upheld', reasons: 'Valid.' }, zz);

  it('falls due two working days before the window closes, in the authority calendar', () => {
    const story = decided();
    const revision = story.revisionOf('DecisionIssued');
    const decision = story.events[revision] as Extract<CaseEvent, { type: 'DecisionIssued' }>;
    // the window (P15D) ends Tuesday 30 June 09:00 local; two working days before is Friday 26th
    expect(decision.data.escalationWindowEndsAt).toBe('2026-06-30T01:00:00.000Z');
    expect(
      reminderSetBy('c1', revision, decision.data, monday.toISOString(), examplePolicy),
    ).toEqual({
      caseId: 'c1',
      kind: 'escalation-window',
      setAtRevision: revision,
      due: '2026-06-26T01:00:00.000Z',
    });
    expect(escalationWindowClosing(story.history(), revision, examplePolicy)).toEqual([
      expect.objectContaining({
        recipientId: 'liu',
        type: 'EscalationWindowClosing',
        text: expect.stringMatching(
          /closes in two working days, at 30 Jun 2026 09:00 Asia\/Shanghai\. Next: if you disagree with the decision, escalate it to Henan Provincial Health Commission before then/,
        ),
      }),
    ]);
  });

  it('sets none for a window shorter than two working days, and says nothing once the decision is superseded', () => {
    const story = decided();
    const revision = story.revisionOf('DecisionIssued');
    const decision = story.events[revision] as Extract<CaseEvent, { type: 'DecisionIssued' }>;
    const late = new Date('2026-06-29T01:00:00Z').toISOString();
    expect(reminderSetBy('c1', revision, decision.data, late, examplePolicy)).toBeUndefined();
    story.act({ type: 'RequestEscalation', grounds: 'Wrong.' }, liu);
    expect(escalationWindowClosing(story.history(), revision, examplePolicy)).toEqual([]);
  });
});
