import type { CaseState } from './case-state';
import type { ErasePersonalData } from './commands';
import {
  refuse,
  requireOwner,
  requireRole,
  requireStatus,
  type DecideContext,
} from './decider-guards';
import type { CaseEvent } from './events';
import { ENDED_STATUSES, hasEnded } from './status';

/**
 * Records the erasure of the owner's personal data (the edge destroyed the keys). Admins may
 * erase in any status, the system by retention only an ended case, the citizen only their own
 * ended case. Nothing is appended when the case holds no personal data written since the last
 * erasure.
 */
export function erasePersonalData(
  command: ErasePersonalData,
  state: CaseState,
  { actor }: DecideContext,
): CaseEvent[] {
  requireRole(actor, ['admin', 'system', 'citizen'], 'erase personal data');
  if (command.subject !== state.ownerId)
    refuse('not-case-owner', `the case belongs to another subject than ${command.subject}`);
  if (actor.role === 'citizen') {
    requireOwner(state, actor, 'erase its personal data');
    if (!hasEnded(state.status)) {
      refuse(
        'invalid-transition',
        `cannot erase the personal data of a case that is ${state.status}: close or withdraw it first`,
      );
    }
  }
  if (command.reason === 'retention') {
    // retention is the policy's doing, never a person's: a person's erasure is a request
    requireRole(actor, ['system'], 'erase by retention');
    requireStatus(state, ENDED_STATUSES, 'erase by retention');
  }
  if (state.personalDataErased) return [];
  return [
    {
      type: 'PersonalDataErased',
      data: {
        subject: command.subject,
        reason: command.reason,
        keys: command.keys,
        fullyErased: !state.plaintextPersonalData,
      },
    },
  ];
}
