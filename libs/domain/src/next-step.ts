import type { CaseState } from './case-state';
import type { Deadline } from './deadline';
import { explainDeadline } from './deadline-policy';
import type { Policy } from './policy';
import { findAuthority } from './policy';
import { runningDeadline, type RunningDeadline } from './running-deadline';

export interface NextStep {
  deadline: Deadline | null;
  kind: 'acknowledge' | 'respond' | 'escalation-window' | null;
  who: 'authority' | 'citizen' | null;
  authorityId?: string;
  /** the instant the step is due, when it has one (also for the escalation window) */
  due: string | null;
  overdue: boolean;
  explanation: string | null;
}

/** No one has to act by a date: a case collecting support, withdrawn, closed or not filed. */
const nothingDue = (explanation: string | null, authorityId?: string): NextStep => ({
  deadline: null,
  kind: null,
  who: null,
  ...(authorityId === undefined ? {} : { authorityId }),
  due: null,
  overdue: false,
  explanation,
});

const nameOf = (policy: Policy, authorityId: string | null): string =>
  (authorityId && findAuthority(policy, authorityId)?.name) || authorityId || 'the authority';

/** Says what happens next in a case, for the case view. */
export function nextStep(state: CaseState, policy: Policy, now: Date): NextStep {
  const authorityId = state.authorityId ?? undefined;
  const authority = nameOf(policy, state.authorityId);
  const awaitingAuthority = (
    kind: 'acknowledge' | 'respond',
    deadline: Deadline | null,
    doing: string,
  ): NextStep => {
    const overdue = deadline !== null && now.getTime() >= Date.parse(deadline.due);
    const explanation = deadline
      ? `${authority} must ${doing}${overdue ? ' (overdue)' : ''}: ${explainDeadline(deadline)}`
      : `${authority} must ${doing}`;
    return {
      deadline,
      kind,
      who: 'authority',
      authorityId,
      due: deadline?.due ?? null,
      overdue,
      explanation,
    };
  };
  const authorityDuty = ({ kind, deadline }: RunningDeadline): NextStep => {
    if (kind === 'acknowledge') return awaitingAuthority(kind, deadline, 'acknowledge the case');
    if (deadline) return awaitingAuthority(kind, deadline, 'decide');
    const threshold = policy.petition.supportThreshold;
    return nothingDue(
      `collecting support: ${state.signatures} of ${threshold} signatures; the response clock starts at ${threshold}`,
      authorityId,
    );
  };
  switch (state.status) {
    case 'filed':
    case 'escalated':
    case 'acknowledged':
    case 'under_review':
      // a clock of the authority runs: runningDeadline says which
      return authorityDuty(runningDeadline(state)!);
    case 'awaiting_information':
      return {
        deadline: state.deadlines.respondBy,
        kind: 'respond',
        who: 'citizen',
        authorityId,
        due: null,
        overdue: false,
        explanation: `${authority} asked for information; the response clock is paused since ${state.pausedSince} until you answer`,
      };
    case 'decided': {
      const endsAt = state.decision!.escalationWindowEndsAt!;
      const open = now.getTime() < Date.parse(endsAt);
      const next = nameOf(policy, findAuthority(policy, state.authorityId!)?.escalatesTo ?? null);
      return {
        deadline: null,
        kind: 'escalation-window',
        who: 'citizen',
        authorityId,
        due: endsAt,
        overdue: !open,
        explanation: open
          ? `decided (${state.decision!.outcome}); you may escalate to ${next} until ${endsAt}`
          : `decided (${state.decision!.outcome}); the escalation window ended at ${endsAt}`,
      };
    }
    case 'withdrawn':
      return nothingDue('withdrawn by the citizen');
    case 'closed':
      return nothingDue(
        state.decision?.final ? `closed: the decision of ${authority} is final` : 'closed',
      );
    case 'none':
      return nothingDue(null);
  }
}
