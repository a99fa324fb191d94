import type { CaseState } from './case-state';
import type {
  AddEvidence,
  AssignCase,
  CaseCommand,
  CommandContext,
  FileCase,
  IssueDecision,
  ProvideInformation,
  RecordMissedDeadline,
  RequestEscalation,
  RequestInformation,
  SignPetition,
} from './commands';
import { computeDeadline, dueAfter, resumeDeadline } from './deadline-policy';
import { DomainError } from './errors';
import type { Actor, CaseDeadlines, CaseEscalated, CaseEvent, EscalationReason } from './events';
import { OUTCOMES } from './events';
import { calendarOf, findAuthority, type Authority, type Policy } from './policy';
import { deadlineRuns } from './running-deadline';
import { hasEnded, OPEN_STATUSES, type CaseStatus } from './status';

export type DecideContext = CommandContext & { policy: Policy };

const refuse = (code: DomainError['code'], message: string, field?: string): never => {
  throw new DomainError(code, message, field);
};

function requireCase(state: CaseState): void {
  if (state.status === 'none') refuse('case-not-found', 'no such case');
}

function requireRole(actor: Actor, roles: readonly Actor['role'][], action: string): void {
  if (!roles.includes(actor.role)) refuse('role-not-allowed', `a ${actor.role} may not ${action}`);
}

function requireOwner(state: CaseState, actor: Actor, action: string): void {
  requireRole(actor, ['citizen'], action);
  if (actor.id !== state.ownerId)
    refuse('not-case-owner', `only the citizen who filed the case may ${action}`);
}

/** Staff act only on cases their authority currently holds. */
function requireCurrentStaff(state: CaseState, actor: Actor, action: string): void {
  requireRole(actor, ['caseworker', 'supervisor'], action);
  if (actor.authorityId !== state.authorityId) {
    refuse(
      'not-case-authority',
      `the case is held by ${state.authorityId}, not by ${actor.authorityId ?? 'no authority'}`,
    );
  }
}

function requireStatus(state: CaseState, allowed: readonly CaseStatus[], action: string): void {
  if (!allowed.includes(state.status))
    refuse('invalid-transition', `cannot ${action} a case that is ${state.status}`);
}

function requireText(
  value: string | undefined,
  field: string,
  code: DomainError['code'] = 'missing-field',
): string {
  if (typeof value !== 'string' || value.trim() === '')
    refuse(code, `${field} must not be empty`, field);
  return value!;
}

function authorityOf(policy: Policy, authorityId: string | null): Authority {
  const authority = authorityId === null ? undefined : findAuthority(policy, authorityId);
  return (
    authority ??
    refuse('unknown-authority', `the policy has no authority "${authorityId}"`, 'authorityId')
  );
}

/** Copies only the optional fields that were given, so events never carry `undefined`. */
function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

/**
 * Decides what happens when `command` meets a case in `state`: the events to append, or a
 * DomainError. Pure: time comes from ctx.now, rules from ctx.policy.
 */
export function decide(command: CaseCommand, state: CaseState, ctx: DecideContext): CaseEvent[] {
  if (command.type === 'FileCase') return fileCase(command, state, ctx);
  requireCase(state);
  const { actor, now, policy } = ctx;
  switch (command.type) {
    case 'AcknowledgeCase':
      requireCurrentStaff(state, actor, 'acknowledge a case');
      requireStatus(state, ['filed', 'escalated'], 'acknowledge');
      return [{ type: 'CaseAcknowledged', data: { authorityId: state.authorityId! } }];
    case 'AssignCase':
      return assignCase(command, state, actor);
    case 'RequestInformation':
      return requestInformation(command, state, ctx);
    case 'ProvideInformation':
      return provideInformation(command, state, ctx);
    case 'AddEvidence':
      return addEvidence(command, state, actor);
    case 'AddNote':
      requireCurrentStaff(state, actor, 'add a note');
      return [
        {
          type: 'NoteAdded',
          data: {
            noteId: requireText(command.noteId, 'noteId'),
            text: requireText(command.text, 'text'),
          },
        },
      ];
    case 'IssueDecision':
      return issueDecision(command, state, ctx);
    case 'RequestEscalation':
      return requestEscalation(command, state, ctx);
    case 'ReferCase':
      requireCurrentStaff(state, actor, 'refer a case');
      requireStatus(state, OPEN_STATUSES, 'refer');
      requireText(command.reason, 'reason', 'reasons-required');
      return [escalation(state, policy, now, 'referral')];
    case 'RecordMissedDeadline':
      return recordMissedDeadline(command, state, ctx);
    case 'WithdrawCase':
      requireOwner(state, actor, 'withdraw the case');
      if (hasEnded(state.status))
        refuse('invalid-transition', `cannot withdraw a case that is ${state.status}`);
      return [{ type: 'CaseWithdrawn', data: defined({ reason: command.reason }) }];
    case 'CloseCase':
      requireRole(actor, ['system'], 'close a case');
      requireStatus(state, ['decided'], 'close');
      if (state.decision!.final)
        refuse('invalid-transition', 'a final decision closes the case when issued');
      if (now.getTime() < Date.parse(state.decision!.escalationWindowEndsAt!)) {
        refuse(
          'deadline-not-due',
          `the escalation window ends at ${state.decision!.escalationWindowEndsAt}`,
        );
      }
      return [{ type: 'CaseClosed', data: { reason: 'escalation-window-ended' } }];
    case 'SignPetition':
      return signPetition(command, state, ctx);
    default:
      return refuse('invalid-transition', `unknown command ${(command as { type: string }).type}`);
  }
}

function fileCase(command: FileCase, state: CaseState, ctx: DecideContext): CaseEvent[] {
  const { actor, now, policy } = ctx;
  requireRole(actor, ['citizen'], 'file a case');
  if (state.status !== 'none') refuse('case-already-exists', `case ${state.caseId} already exists`);
  const authority = authorityOf(policy, command.authorityId);
  if (command.kind === 'appeal') {
    if (!command.decision)
      refuse('missing-field', 'an appeal names the decision it contests', 'decision');
    requireText(command.grounds, 'grounds');
    for (const field of ['title', 'demand'] as const) {
      if (command[field] !== undefined)
        refuse('field-not-applicable', `an appeal has no ${field}`, field);
    }
  } else {
    requireText(command.title, 'title');
    requireText(command.demand, 'demand');
    for (const field of ['decision', 'grounds'] as const) {
      if (command[field] !== undefined)
        refuse('field-not-applicable', `a petition has no ${field}`, field);
    }
    if (command.priority !== 'standard') {
      refuse(
        'threshold-not-applicable',
        'petitions have standard deadlines only: their response clock starts at the support threshold',
        'priority',
      );
    }
  }
  const rules =
    command.kind === 'appeal'
      ? policy.deadlines.appeal[command.priority]
      : policy.deadlines.petition.standard;
  const deadline = (kind: 'acknowledge' | 'respond', rule: string) =>
    computeDeadline({ kind, rule, start: now, calendarId: authority.calendar, policy });
  const deadlines: CaseDeadlines = {
    acknowledgeBy: deadline('acknowledge', rules.acknowledge),
    respondBy: command.kind === 'appeal' ? deadline('respond', rules.respond) : null,
  };
  const filed: CaseEvent = {
    type: 'CaseFiled',
    data: {
      caseId: command.caseId,
      reference: command.reference,
      kind: command.kind,
      authorityId: authority.id,
      level: 0,
      priority: command.priority,
      ownerId: actor.id,
      appellant: command.appellant,
      ...defined({
        decision: command.decision,
        grounds: command.grounds,
        remedy: command.remedy,
        title: command.title,
        demand: command.demand,
      }),
      deadlines,
    },
  };
  if (command.kind === 'petition' && policy.petition.supportThreshold === 0) {
    return [
      filed,
      {
        type: 'SupportThresholdReached',
        data: { signatures: 0, respondBy: deadline('respond', rules.respond) },
      },
    ];
  }
  return [filed];
}

function assignCase(command: AssignCase, state: CaseState, actor: Actor): CaseEvent[] {
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
  if (state.assignee === caseworkerId) return [];
  return [{ type: 'CaseAssigned', data: { caseworkerId, assignedBy: actor.id } }];
}

function requestInformation(
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

function provideInformation(
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

function addEvidence(command: AddEvidence, state: CaseState, actor: Actor): CaseEvent[] {
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

function issueDecision(command: IssueDecision, state: CaseState, ctx: DecideContext): CaseEvent[] {
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

/**
 * The citizen may escalate a decided case within the escalation window, or an undecided case
 * when a deadline of the authority now holding it was recorded missed.
 */
function requestEscalation(
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

function recordMissedDeadline(
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

function signPetition(_command: SignPetition, state: CaseState, ctx: DecideContext): CaseEvent[] {
  const { actor, now, policy } = ctx;
  requireRole(actor, ['citizen'], 'sign a petition');
  if (state.kind !== 'petition') refuse('not-a-petition', 'only petitions can be signed');
  requireStatus(state, OPEN_STATUSES, 'sign');
  if (state.signers.has(actor.id)) return [];
  const signatures = state.signatures + 1;
  const signed: CaseEvent = { type: 'PetitionSigned', data: { signerId: actor.id, signatures } };
  if (state.thresholdReached || signatures < policy.petition.supportThreshold) return [signed];
  const authority = authorityOf(policy, state.authorityId);
  const rule =
    state.level > 0
      ? policy.deadlines.escalated.respond
      : policy.deadlines.petition.standard.respond;
  const respondBy = computeDeadline({
    kind: 'respond',
    rule,
    start: now,
    calendarId: authority.calendar,
    policy,
  });
  return [signed, { type: 'SupportThresholdReached', data: { signatures, respondBy } }];
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
