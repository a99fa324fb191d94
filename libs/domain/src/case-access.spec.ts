import fc from 'fast-check';
import { caseAccess, mayReadNote, maySign, mayWorkQueue, type CaseAudience } from './case-access';
import type { Actor } from './events';

const appeal: CaseAudience & { kind: 'appeal' } = {
  ownerId: 'liu',
  authorities: ['zhengzhou-health', 'henan-health'],
  kind: 'appeal',
};

describe('caseAccess', () => {
  it.each<[string, Actor, ReturnType<typeof caseAccess>]>([
    ['the owner, without notes', { id: 'liu', role: 'citizen' }, { notes: 'none' }],
    ['another citizen: hidden', { id: 'wang', role: 'citizen' }, null],
    [
      'staff of the current authority, its notes',
      { id: 'w', role: 'caseworker', authorityId: 'henan-health' },
      { notes: 'of-authority', authorityId: 'henan-health' },
    ],
    [
      'staff of a previous authority, its notes',
      { id: 's', role: 'supervisor', authorityId: 'zhengzhou-health' },
      { notes: 'of-authority', authorityId: 'zhengzhou-health' },
    ],
    [
      'staff of an authority that never held it: hidden',
      { id: 'w', role: 'caseworker', authorityId: 'x' },
      null,
    ],
    ['staff without an authority: hidden', { id: 'w', role: 'caseworker' }, null],
    ['oversight, every note', { id: 'o', role: 'oversight' }, { notes: 'all' }],
    ['admin: hidden', { id: 'a', role: 'admin' }, null],
    ['the system actor: hidden', { id: 'system', role: 'system' }, null],
  ])('%s', (_, actor, expected) => {
    expect(caseAccess(actor, appeal)).toEqual(expected);
  });

  it('shows a note only to staff of the authority that wrote it, and to oversight', () => {
    const staff = caseAccess({ id: 'w', role: 'caseworker', authorityId: 'henan-health' }, appeal)!;
    expect(mayReadNote(staff, 'henan-health')).toBe(true);
    expect(mayReadNote(staff, 'zhengzhou-health')).toBe(false);
    expect(mayReadNote(staff, null)).toBe(false);
    expect(mayReadNote({ notes: 'all' }, null)).toBe(true);
    expect(mayReadNote({ notes: 'none' }, 'henan-health')).toBe(false);
  });

  it('hides every case from staff whose authority never held it, whatever the history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        fc.string(),
        fc.constantFrom('caseworker' as const, 'supervisor' as const),
        (authorities, authorityId, role) => {
          const access = caseAccess(
            { id: 'w', role, authorityId },
            { ownerId: 'liu', authorities },
          );
          expect(access !== null).toBe(authorities.includes(authorityId));
        },
      ),
    );
  });
});

describe('maySign', () => {
  it('opens petitions to every citizen, appeals to their owner only', () => {
    const wang: Actor = { id: 'wang', role: 'citizen' };
    expect(maySign(wang, appeal)).toBe(false);
    expect(maySign(wang, { ...appeal, kind: 'petition' })).toBe(true);
    expect(maySign({ id: 'liu', role: 'citizen' }, appeal)).toBe(true);
  });
});

describe('mayWorkQueue', () => {
  it('lets staff work the queue of their own authority only', () => {
    const caseworker: Actor = { id: 'w', role: 'caseworker', authorityId: 'henan-health' };
    expect(mayWorkQueue(caseworker, 'henan-health')).toBe(true);
    expect(mayWorkQueue({ ...caseworker, role: 'supervisor' }, 'henan-health')).toBe(true);
    expect(mayWorkQueue(caseworker, 'zhengzhou-health')).toBe(false);
    expect(mayWorkQueue({ id: 'o', role: 'oversight' }, 'henan-health')).toBe(false);
  });
});
