import type { CaseState } from './case-state';
import type { CommandContext } from './commands';
import { DomainError } from './errors';
import type { Actor } from './events';
import type { Personal } from './personal';
import { findAuthority, type Authority, type Policy } from './policy';
import type { CaseStatus } from './status';
import { hasVisibleText } from './visible-text';

/** What decide knows besides the command and the case: who, when, and by which policy. */
export type DecideContext = CommandContext & { policy: Policy };

export const refuse = (code: DomainError['code'], message: string, field?: string): never => {
  throw new DomainError(code, message, field);
};

export function requireCase(state: CaseState): void {
  if (state.status === 'none') refuse('case-not-found', 'no such case');
}

export function requireRole(actor: Actor, roles: readonly Actor['role'][], action: string): void {
  if (!roles.includes(actor.role)) refuse('role-not-allowed', `a ${actor.role} may not ${action}`);
}

export function requireOwner(state: CaseState, actor: Actor, action: string): void {
  requireRole(actor, ['citizen'], action);
  if (actor.id !== state.ownerId)
    refuse('not-case-owner', `only the citizen who filed the case may ${action}`);
}

/** Staff act only on cases their authority currently holds. */
export function requireCurrentStaff(state: CaseState, actor: Actor, action: string): void {
  requireRole(actor, ['caseworker', 'supervisor'], action);
  if (actor.authorityId !== state.authorityId) {
    refuse(
      'not-case-authority',
      `the case is held by ${state.authorityId}, not by ${actor.authorityId ?? 'no authority'}`,
    );
  }
}

export function requireStatus(
  state: CaseState,
  allowed: readonly CaseStatus[],
  action: string,
): void {
  if (!allowed.includes(state.status))
    refuse('invalid-transition', `cannot ${action} a case that is ${state.status}`);
}

/** Non-blank text; a sealed value counts as given (only non-blank text is ever sealed). */
export function requireText<T extends Personal>(
  value: T | undefined,
  field: string,
  code: DomainError['code'] = 'missing-field',
): T {
  if (value === undefined || (typeof value === 'string' && !hasVisibleText(value)))
    refuse(code, `${field} must not be empty`, field);
  return value!;
}

export function authorityOf(policy: Policy, authorityId: string | null): Authority {
  const authority = authorityId === null ? undefined : findAuthority(policy, authorityId);
  return (
    authority ??
    refuse('unknown-authority', `the policy has no authority "${authorityId}"`, 'authorityId')
  );
}

/** Copies only the optional fields that were given, so events never carry `undefined`. */
export function defined<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
