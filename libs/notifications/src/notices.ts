import type { CaseEventAt } from '@recourse/deadlines';
import {
  calendarOf,
  explainDeadline,
  findAuthority,
  fold,
  localInstant,
  type CaseEvent,
  type CaseState,
  type Deadline,
  type DeadlineKind,
  type Outcome,
  type Policy,
  unknownEvent,
} from '@recourse/domain';

/** The reminder that the citizen's escalation window closes soon (a timer, not an event). */
export const ESCALATION_WINDOW_CLOSING = 'EscalationWindowClosing';

/** What one person is told about one fact of a case. */
export interface Notice {
  recipientId: string;
  /** the event type, or ESCALATION_WINDOW_CLOSING */
  type: string;
  /** what happened, what happens next and by when, in plain language */
  text: string;
  /** also sent by e-mail when the case's contact is an address (the case's owner only) */
  email: boolean;
}

const OUTCOME_WORDS: Record<Outcome, string> = {
  upheld: 'the decision you contested stands (upheld)',
  overturned: 'the decision you contested is overturned',
  partially_overturned: 'the decision you contested is partly overturned',
  rejected: 'your appeal is rejected',
};

const DOING: Record<DeadlineKind, string> = { acknowledge: 'acknowledge', respond: 'decide on' };

/**
 * The notices one event of a case gives rise to. `history` is the case's stream from revision 0
 * up to and including the event; `next` is the event after it, if any (a missed deadline that the
 * policy escalates is told once, with the escalation). A withdrawn case tells its owner nothing
 * but the withdrawal's confirmation.
 */
export function noticesFor(
  history: readonly CaseEventAt[],
  next: CaseEvent | undefined,
  policy: Policy,
): Notice[] {
  const { event } = history[history.length - 1];
  const state = fold(history.map((at) => at.event));
  if (state.ownerId === null) return [];
  const withdrawn = history.some((at) => at.event.type === 'CaseWithdrawn');
  if (withdrawn && event.type !== 'CaseWithdrawn') return [];
  const words = new CaseWords(state, policy);
  const owner = (text: string): Notice[] => [
    { recipientId: state.ownerId!, type: event.type, text, email: true },
  ];
  const signers = (text: string): Notice[] =>
    [...state.signers]
      .filter((signer) => signer !== state.ownerId)
      .map((recipientId) => ({ recipientId, type: event.type, text, email: false }));
  const ownerAndSigners = (text: string): Notice[] => [...owner(text), ...signers(text)];
  switch (event.type) {
    case 'CaseAcknowledged':
      return owner(
        `${words.authority} acknowledged your ${words.theCase}. Next: ${words.awaitingDecision()}`,
      );
    case 'InformationRequested':
      return owner(
        `${words.authority} asked you for information about your ${words.theCase}. ` +
          `Next: answer the question in Recourse. You have no deadline of your own, but the ` +
          `authority's clock stands still until you answer: ${words.pausedDeadline()}`,
      );
    case 'DecisionIssued':
      return state.kind === 'petition'
        ? [
            ...owner(`${words.authority} responded to your ${words.theCase}: ${words.decision()}`),
            ...signers(
              `${words.authority} responded to the ${words.theCase} you signed: ` +
                `${words.outcome()}. Nothing more is asked of you.`,
            ),
          ]
        : owner(`${words.authority} decided your ${words.theCase}: ${words.decision()}`);
    case 'DeadlineMissed':
      if (next?.type === 'CaseEscalated' && next.data.reason === 'missed-deadline') return [];
      return owner(
        `${words.nameOf(event.data.authorityId)} missed its deadline to ` +
          `${DOING[event.data.deadline]} your ${words.theCase} ` +
          `(due ${words.localTime(event.data.due)}). Next: ${words.afterMiss()}`,
      );
    case 'CaseEscalated': {
      const from = words.nameOf(event.data.fromAuthorityId);
      const to = words.nameOf(event.data.toAuthorityId);
      const why = {
        'missed-deadline': `${from} missed its deadline, so your ${words.theCase} moved to ${to}.`,
        citizen: `Your ${words.theCase} moved to ${to}, as you asked.`,
        referral: `${from} referred your ${words.theCase} to ${to}.`,
      }[event.data.reason];
      const acknowledgeBy = event.data.deadlines.acknowledgeBy;
      return ownerAndSigners(
        `${why} Next: ${to} must acknowledge it` +
          (acknowledgeBy ? `: ${explainDeadline(acknowledgeBy)}.` : '.'),
      );
    }
    case 'CaseClosed':
      return ownerAndSigners(
        event.data.reason === 'final-decision'
          ? `Your ${words.theCase} is closed: the decision of ${words.authority} is final.`
          : `Your ${words.theCase} is closed: the window to escalate it ended, so the decision ` +
              `of ${words.authority} stands. Nothing more happens in it.`,
      );
    case 'CaseWithdrawn':
      return owner(
        `You withdrew your ${words.theCase}. Nothing more happens in it, and you will get no ` +
          `further notifications about it.`,
      );
    case 'SupportThresholdReached':
      return ownerAndSigners(
        `The ${words.theCase} reached ${event.data.signatures} signatures. ` +
          `Next: ${words.authority} must respond: ${explainDeadline(event.data.respondBy)}.`,
      );
    // facts the citizen is not notified of
    case 'CaseFiled':
    case 'CaseAssigned':
    case 'InformationProvided':
    case 'EvidenceAdded':
    case 'NoteAdded':
    case 'EscalationRequested':
    case 'PetitionSigned':
    case 'PersonalDataErased':
      return [];
    default:
      return unknownEvent(event, []);
  }
}

/**
 * The reminder two working days before the citizen's escalation window closes, if the decision
 * that opened the window still stands (`history` is the whole stream when the timer fires).
 */
export function escalationWindowClosing(
  history: readonly CaseEventAt[],
  decisionRevision: number,
  policy: Policy,
): Notice[] {
  const state = fold(history.map((at) => at.event));
  const lastDecision = history.findLast((at) => at.event.type === 'DecisionIssued');
  const endsAt = state.decision?.escalationWindowEndsAt;
  if (state.status !== 'decided' || lastDecision?.revision !== decisionRevision || !endsAt) {
    return [];
  }
  const words = new CaseWords(state, policy);
  return [
    {
      recipientId: state.ownerId!,
      type: ESCALATION_WINDOW_CLOSING,
      text:
        `Your window to escalate your ${words.theCase} closes in two working days, at ` +
        `${words.localTime(endsAt)}. Next: if you disagree with the decision, escalate it to ` +
        `${words.higherAuthority() ?? 'the next authority'} before then; otherwise the case closes ` +
        `and the decision stands.`,
      email: true,
    },
  ];
}

/** The phrases a case's notices share. */
class CaseWords {
  constructor(
    private readonly state: CaseState,
    private readonly policy: Policy,
  ) {}

  get theCase(): string {
    return `${this.state.kind ?? 'case'} ${this.state.reference ?? ''}`.trim();
  }

  get authority(): string {
    return this.nameOf(this.state.authorityId);
  }

  nameOf(authorityId: string | null): string {
    return (authorityId && findAuthority(this.policy, authorityId)?.name) || 'the authority';
  }

  higherAuthority(): string | undefined {
    const up = this.state.authorityId
      ? findAuthority(this.policy, this.state.authorityId)?.escalatesTo
      : undefined;
    return up ? this.nameOf(up) : undefined;
  }

  /** an instant in the current authority's calendar */
  localTime(instant: string): string {
    const authority = this.state.authorityId
      ? findAuthority(this.policy, this.state.authorityId)
      : undefined;
    return localInstant(instant, authority ? calendarOf(this.policy, authority).timeZone : 'UTC');
  }

  awaitingDecision(): string {
    const { respondBy } = this.state.deadlines;
    if (respondBy) return `${this.authority} must decide: ${explainDeadline(respondBy)}.`;
    const threshold = this.policy.petition.supportThreshold;
    return `the petition collects support; ${this.authority} must respond once it has ${threshold} signatures.`;
  }

  pausedDeadline(): string {
    const respondBy: Deadline | null = this.state.deadlines.respondBy;
    return respondBy
      ? `its decision was ${explainDeadline(respondBy)}; your answer moves that by the working days it waited.`
      : 'no decision deadline runs yet.';
  }

  outcome(): string {
    const { outcome } = this.state.decision!;
    return this.state.kind === 'petition'
      ? `the petition is ${outcome.replace('_', ' ')}`
      : OUTCOME_WORDS[outcome];
  }

  decision(): string {
    const decision = this.state.decision!;
    const what = this.outcome();
    const up = this.higherAuthority();
    if (decision.final || !decision.escalationWindowEndsAt || !up) {
      return `${what}. This decision is final: there is no higher authority to escalate to.`;
    }
    return (
      `${what}. Next: if you disagree, you may escalate the case to ${up} until ` +
      `${this.localTime(decision.escalationWindowEndsAt)}; after that it closes and the decision stands.`
    );
  }

  afterMiss(): string {
    const up = this.higherAuthority();
    return up
      ? `you may escalate the case to ${up} now; ${this.authority} still has to act.`
      : `there is no higher authority to escalate to; the miss is on the record for oversight, and ${this.authority} still has to act.`;
  }
}
