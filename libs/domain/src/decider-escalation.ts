import type { CaseState } from './case-state';
import type { RecordMissedDeadline, ReferCase, RequestEscalation } from './commands';
import { computeDeadline } from './deadline-policy';
import {
  authorityOf,
  refuse,
  requireCurrentStaff,
  requireOwner,
  requireRole,
  requireStatus,
  requireText,
  type DecideContext,
} from './decider-guards';
import type { CaseEscalated, CaseEvent, EscalationReason } from './events';
import type { Policy } from './policy';
import { deadlineRuns } from './running-deadline';
import { hasEnded, OPEN_STATUSES } from './status';

/**
 * The citizen may escalate a decided case within the escalation window, or an undecided case
 * when a deadline of the authority now holding it was recorded missed.
 */
export function requestEscalation(
  command: RequestEscalation,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  const { now, policy } = ctx;
  requireOwner(state, ctx.actor, 'escalate the case');
  if (hasEnded(state.status))
    refuse('invalid-transition', `cannot escalate a case that is ${state.status}`);
  const grounds = requireText(command.grounds, 'grounds', 'reasons-required');
  if (authorityOf(policy, state.authorityId).escalatesTo === null) {
    refuse(
      'no-higher-authority',
      `${state.authorityId} is the top authority: its decision is final`,
    );
  }
  if (state.status === 'decided') {
    if (now.getTime() >= Date.parse(state.decision!.escalationWindowEndsAt!)) {
      refuse(
        'escalation-window-closed',
        `the escalation window ended at ${state.decision!.escalationWindowEndsAt}`,
      );
    }
  } else if (!state.missedDeadlines.some((missed) => missed.authorityId === state.authorityId)) {
    refuse(
      'escalation-not-allowed',
      'a case can be escalated once decided, or when its authority missed a deadline',
    );
  }
  return [
    { type: 'EscalationRequested', data: { grounds } },
    escalation(state, policy, now, 'citizen'),
  ];
}

export function referCase(command: ReferCase, state: CaseState, ctx: DecideContext): CaseEvent[] {
  requireCurrentStaff(state, ctx.actor, 'refer a case');
  requireStatus(state, OPEN_STATUSES, 'refer');
  requireText(command.reason, 'reason', 'reasons-required');
  return [escalation(state, ctx.policy, ctx.now, 'referral')];
}

export function recordMissedDeadline(
  command: RecordMissedDeadline,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  const { now, policy } = ctx;
  requireRole(ctx.actor, ['system'], 'record a missed deadline');
  const { deadline: kind, setAtRevision } = command;
  if (
    state.missedDeadlines.some(
      (missed) => missed.deadline === kind && missed.setAtRevision === setAtRevision,
    )
  ) {
    refuse(
      'deadline-already-recorded',
      `the ${kind} deadline set at revision ${setAtRevision} is already recorded missed`,
    );
  }
  const notStanding = (why: string) =>
    refuse('deadline-not-standing', `the ${kind} deadline ${why}`);
  const deadline =
    kind === 'acknowledge' ? state.deadlines.acknowledgeBy : state.deadlines.respondBy;
  if (hasEnded(state.status)) notStanding(`no longer applies: the case is ${state.status}`);
  if (!deadline || state.deadlineSetAt[kind] !== setAtRevision) {
    notStanding(
      `set at revision ${setAtRevision} was replaced (current: ${state.deadlineSetAt[kind] ?? 'none'})`,
    );
  }
  if (!deadlineRuns(kind, state.status)) {
    notStanding(state.pausedSince === null ? 'was met' : `is paused since ${state.pausedSince}`);
  }
  if (now.getTime() < Date.parse(deadline!.due))
    refuse('deadline-not-due', `the ${kind} deadline is due at ${deadline!.due}`);
  const missed: CaseEvent = {
    type: 'DeadlineMissed',
    data: { deadline: kind, due: deadline!.due, setAtRevision, authorityId: state.authorityId! },
  };
  const canEscalate = authorityOf(policy, state.authorityId).escalatesTo !== null;
  return policy.escalation.onMissedDeadline && canEscalate
    ? [missed, escalation(state, policy, now, 'missed-deadline')]
    : [missed];
}

/**
 * Moves the case one authority up with fresh deadlines from policy.deadlines.escalated, computed
 * now in the receiving authority's calendar. A petition without enough support keeps no response
 * deadline: its clock still starts at the threshold.
 */
function escalation(
  state: CaseState,
  policy: Policy,
  now: Date,
  reason: EscalationReason,
): CaseEscalated {
  const from = authorityOf(policy, state.authorityId);
  if (from.escalatesTo === null)
    refuse('no-higher-authority', `${from.id} is the top authority: its decision is final`);
  const to = authorityOf(policy, from.escalatesTo);
  const rules = policy.deadlines.escalated;
  const deadline = (kind: 'acknowledge' | 'respond', rule: string) =>
    computeDeadline({ kind, rule, start: now, calendarId: to.calendar, policy });
  const respondClockWaits = state.kind === 'petition' && !state.thresholdReached;
  return {
    type: 'CaseEscalated',
    data: {
      fromAuthorityId: from.id,
      toAuthorityId: to.id,
      level: state.level + 1,
      reason,
      deadlines: {
        acknowledgeBy: deadline('acknowledge', rules.acknowledge),
        respondBy: respondClockWaits ? null : deadline('respond', rules.respond),
      },
    },
  };
}
