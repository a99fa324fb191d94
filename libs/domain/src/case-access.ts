import type { Actor, CaseKind } from './events';

/** What of a case decides who may see it (both CaseState and the read model's view carry it). */
export interface CaseAudience {
  ownerId: string | null;
  /** every authority that held the case, first to current */
  authorities: readonly string[];
}

/**
 * What a caller who may see a case reads of its internal notes: none (the citizen), every note
 * (oversight), or the notes written by staff of their own authority (the others show only that
 * a note exists).
 */
export type CaseAccess =
  { notes: 'none' } | { notes: 'all' } | { notes: 'of-authority'; authorityId: string };

const STAFF: readonly Actor['role'][] = ['caseworker', 'supervisor'];

/**
 * The one rule of who may see a case: its owner, staff of any authority that held it, oversight.
 * null: the caller may not see it, and every answer about it must be the one an unknown case gets.
 */
export function caseAccess(actor: Actor, audience: CaseAudience): CaseAccess | null {
  switch (actor.role) {
    case 'citizen':
      return audience.ownerId !== null && actor.id === audience.ownerId ? { notes: 'none' } : null;
    case 'oversight':
      return { notes: 'all' };
    case 'caseworker':
    case 'supervisor':
      return actor.authorityId !== undefined && audience.authorities.includes(actor.authorityId)
        ? { notes: 'of-authority', authorityId: actor.authorityId }
        : null;
    case 'admin':
    case 'system':
      return null;
  }
}

/** Whether the caller reads the text of a note written by staff of `noteAuthorityId`. */
export function mayReadNote(access: CaseAccess, noteAuthorityId: string | null): boolean {
  if (access.notes === 'of-authority') return noteAuthorityId === access.authorityId;
  return access.notes === 'all';
}

/**
 * Petitions gather signatures from any citizen, so any citizen may address one (to sign it);
 * what else they may see of it is still caseAccess's call.
 */
export function maySign(actor: Actor, target: CaseAudience & { kind: CaseKind | null }): boolean {
  return (
    caseAccess(actor, target) !== null || (actor.role === 'citizen' && target.kind === 'petition')
  );
}

/** Staff read and work the queue of their own authority only. */
export const mayWorkQueue = (actor: Actor, authorityId: string): boolean =>
  STAFF.includes(actor.role) && actor.authorityId === authorityId;
