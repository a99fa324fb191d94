import type { CaseState } from './case-state';
import type {
  AcknowledgeCase,
  AddEvidence,
  AddNote,
  AssignCase,
  IssueDecision,
  ProvideInformation,
  RequestInformation,
} from './commands';
import { dueAfter, resumeDeadline } from './deadline-policy';
import {
  authorityOf,
  defined,
  refuse,
  requireCurrentStaff,
  requireOwner,
  requireStatus,
  requireText,
  type DecideContext,
} from './decider-guards';
import { OUTCOMES, type CaseEvent } from './events';
import { calendarOf } from './policy';
import { hasEnded, OPEN_STATUSES } from './status';

export function acknowledgeCase(
  _command: AcknowledgeCase,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  requireCurrentStaff(state, ctx.actor, 'acknowledge a case');
  requireStatus(state, ['filed', 'escalated'], 'acknowledge');
  return [{ type: 'CaseAcknowledged', data: { authorityId: state.authorityId! } }];
}

export function assignCase(command: AssignCase, state: CaseState, ctx: DecideContext): CaseEvent[] {
  const { actor } = ctx;
  requireCurrentStaff(state, actor, 'assign a case');
  const caseworkerId = requireText(command.caseworkerId, 'caseworkerId');
  if (actor.role === 'caseworker' && caseworkerId !== actor.id) {
    refuse(
      'caseworker-may-only-assign-self',
      'a caseworker may assign a case only to themselves',
      'caseworkerId',
    );
  }
  requireStatus(state, OPEN_STATUSES, 'assign');
  const { assigneeAuthorityId } = command;
  if (assigneeAuthorityId !== undefined && assigneeAuthorityId !== state.authorityId) {
    refuse(
      'assignee-not-in-authority',
      assigneeAuthorityId === null
        ? `${caseworkerId} is not known as staff of ${state.authorityId}: staff are known once they have used the API, or when an admin records them (PUT /v1/staff/:id)`
        : `${caseworkerId} is staff of ${assigneeAuthorityId}, not of ${state.authorityId}, which holds the case`,
      'caseworkerId',
    );
  }
  if (state.assignee === caseworkerId) return [];
  return [{ type: 'CaseAssigned', data: { caseworkerId, assignedBy: actor.id } }];
}

export function requestInformation(
  command: RequestInformation,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  requireCurrentStaff(state, ctx.actor, 'request information');
  requireStatus(state, ['acknowledged', 'under_review'], 'request information on');
  if (!state.deadlines.respondBy) {
    refuse(
      'response-clock-not-started',
      'the response clock has not started (the petition lacks support)',
    );
  }
  return [
    {
      type: 'InformationRequested',
      data: {
        requestId: requireText(command.requestId, 'requestId'),
        question: requireText(command.question, 'question'),
        pausedAt: ctx.now.toISOString(),
      },
    },
  ];
}

export function provideInformation(
  command: ProvideInformation,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  requireOwner(state, ctx.actor, 'provide information');
  requireStatus(state, ['awaiting_information'], 'provide information to');
  const message = requireText(command.message, 'message');
  const pausedAt = new Date(state.pausedSince!);
  const resumedAt = new Date(Math.max(ctx.now.getTime(), pausedAt.getTime()));
  const respondBy = resumeDeadline(
    state.deadlines.respondBy!,
    { from: pausedAt, to: resumedAt, reason: state.pauseReason! },
    ctx.policy,
  );
  return [
    {
      type: 'InformationProvided',
      data: {
        requestId: state.openInformationRequestId!,
        message,
        resumedAt: resumedAt.toISOString(),
        respondBy,
      },
    },
  ];
}

export function addEvidence(
  command: AddEvidence,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  const { actor } = ctx;
  requireOwner(state, actor, 'add evidence');
  if (hasEnded(state.status))
    refuse('invalid-transition', `cannot add evidence to a case that is ${state.status}`);
  return [
    {
      type: 'EvidenceAdded',
      data: {
        evidenceId: requireText(command.evidenceId, 'evidenceId'),
        description: requireText(command.description, 'description'),
        ...defined({ sha256: command.sha256, url: command.url }),
      },
    },
  ];
}

export function addNote(command: AddNote, state: CaseState, ctx: DecideContext): CaseEvent[] {
  requireCurrentStaff(state, ctx.actor, 'add a note');
  return [
    {
      type: 'NoteAdded',
      data: {
        noteId: requireText(command.noteId, 'noteId'),
        text: requireText(command.text, 'text'),
      },
    },
  ];
}

export function issueDecision(
  command: IssueDecision,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  const { now, policy } = ctx;
  requireCurrentStaff(state, ctx.actor, 'issue a decision');
  requireStatus(state, ['acknowledged', 'under_review', 'awaiting_information'], 'decide');
  if (!(OUTCOMES as readonly string[]).includes(command.outcome)) {
    refuse('invalid-outcome', `outcome must be one of ${OUTCOMES.join(', ')}`, 'outcome');
  }
  const reasons = requireText(command.reasons, 'reasons', 'reasons-required');
  const authority = authorityOf(policy, state.authorityId);
  const final = authority.escalatesTo === null;
  const escalationWindowEndsAt = final
    ? null
    : dueAfter(
        now,
        policy.escalation.citizenWindow,
        calendarOf(policy, authority),
      ).due.toISOString();
  const decided: CaseEvent = {
    type: 'DecisionIssued',
    data: {
      outcome: command.outcome,
      reasons,
      ...defined({ remedy: command.remedy }),
      authorityId: authority.id,
      level: state.level,
      final,
      escalationWindowEndsAt,
    },
  };
  return final ? [decided, { type: 'CaseClosed', data: { reason: 'final-decision' } }] : [decided];
}
