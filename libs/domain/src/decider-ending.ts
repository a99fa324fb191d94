import type { CaseState } from './case-state';
import type { CloseCase, WithdrawCase } from './commands';
import {
  defined,
  refuse,
  requireOwner,
  requireRole,
  requireStatus,
  type DecideContext,
} from './decider-guards';
import type { CaseEvent } from './events';
import { hasEnded } from './status';

/** The citizen may withdraw the case at any time until it has ended. */
export function withdrawCase(
  command: WithdrawCase,
  state: CaseState,
  ctx: DecideContext,
): CaseEvent[] {
  requireOwner(state, ctx.actor, 'withdraw the case');
  if (hasEnded(state.status))
    refuse('invalid-transition', `cannot withdraw a case that is ${state.status}`);
  return [{ type: 'CaseWithdrawn', data: defined({ reason: command.reason }) }];
}

/** The system closes a decided case when the citizen's window to escalate it has ended. */
export function closeCase(_command: CloseCase, state: CaseState, ctx: DecideContext): CaseEvent[] {
  requireRole(ctx.actor, ['system'], 'close a case');
  requireStatus(state, ['decided'], 'close');
  if (state.decision!.final)
    refuse('invalid-transition', 'a final decision closes the case when issued');
  if (ctx.now.getTime() < Date.parse(state.decision!.escalationWindowEndsAt!)) {
    refuse(
      'deadline-not-due',
      `the escalation window ends at ${state.decision!.escalationWindowEndsAt}`,
    );
  }
  return [{ type: 'CaseClosed', data: { reason: 'escalation-window-ended' } }];
}
