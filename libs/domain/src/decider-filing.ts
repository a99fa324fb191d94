import type { CaseState } from './case-state';
import type { FileCase, SignPetition } from './commands';
import { computeDeadline } from './deadline-policy';
import {
  authorityOf,
  defined,
  refuse,
  requireRole,
  requireStatus,
  requireText,
  type DecideContext,
} from './decider-guards';
import type { CaseDeadlines, CaseEvent } from './events';
import { OPEN_STATUSES } from './status';
import { personalIdentity } from './personal';

export function fileCase(command: FileCase, state: CaseState, ctx: DecideContext): CaseEvent[] {
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

export function signPetition(
  command: SignPetition,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  const { actor, now, policy } = ctx;
  requireRole(actor, ['citizen'], 'sign a petition');
  if (state.kind !== 'petition') refuse('not-a-petition', 'only petitions can be signed');
  requireStatus(state, OPEN_STATUSES, 'sign');
  const signerId = command.signer ?? actor.id;
  // a signature written in clear before encryption still counts
  if (state.signers.has(personalIdentity(signerId)) || state.signers.has(actor.id)) return [];
  const signatures = state.signatures + 1;
  const signed: CaseEvent = { type: 'PetitionSigned', data: { signerId, signatures } };
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
