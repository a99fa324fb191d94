import { fold } from './case-state';
import type { CaseEvent } from './events';
import {
  alice,
  awaitingInformation,
  bob,
  daysAfter,
  decided,
  filed,
  hoursAfter,
  monday,
  supervisor,
  system,
  underReview,
} from './testing/fixtures';
import { given, history } from './testing/spec';

const later = hoursAfter(monday, 6);
const decidedAt = daysAfter(monday, 2);

describe('WithdrawCase', () => {
  it.each([
    ['filed', filed],
    ['awaiting_information', awaitingInformation],
    ['decided', decided],
  ])('lets the owner withdraw a %s case', (_status, steps) => {
    const events = given(history(steps))
      .when({ type: 'WithdrawCase', reason: 'Resolved' }, { actor: alice, now: later })
      .events();
    expect(events).toEqual([{ type: 'CaseWithdrawn', data: { reason: 'Resolved' } }]);
    expect(fold([...history(steps), ...events]).status).toBe('withdrawn');
  });

  it('needs no reason', () => {
    given(history(filed))
      .when({ type: 'WithdrawCase' }, { actor: alice, now: later })
      .then([{ type: 'CaseWithdrawn', data: {} }]);
  });

  it('is refused twice, and after closing', () => {
    const withdrawn = history([...filed, [{ type: 'WithdrawCase' }, alice, later]]);
    given(withdrawn)
      .when({ type: 'WithdrawCase' }, { actor: alice, now: later })
      .thenRefused('invalid-transition');
    const closed = history([...decided, [{ type: 'CloseCase' }, system, daysAfter(monday, 40)]]);
    given(closed)
      .when({ type: 'WithdrawCase' }, { actor: alice, now: later })
      .thenRefused('invalid-transition');
  });

  it('is refused to anyone but the owner', () => {
    given(history(filed))
      .when({ type: 'WithdrawCase' }, { actor: bob, now: later })
      .thenRefused('not-case-owner');
    given(history(filed))
      .when({ type: 'WithdrawCase' }, { actor: supervisor, now: later })
      .thenRefused('role-not-allowed');
  });
});

describe('CloseCase', () => {
  const windowEnds = daysAfter(decidedAt, 15);

  it('closes a decided case once the escalation window has ended', () => {
    given(history(decided))
      .when({ type: 'CloseCase' }, { actor: system, now: windowEnds })
      .then([{ type: 'CaseClosed', data: { reason: 'escalation-window-ended' } }]);
  });

  it('is refused while the window is open', () => {
    given(history(decided))
      .when({ type: 'CloseCase' }, { actor: system, now: new Date(windowEnds.getTime() - 1) })
      .thenRefused('deadline-not-due');
  });

  it('is refused on an undecided or already closed case', () => {
    given(history(underReview))
      .when({ type: 'CloseCase' }, { actor: system, now: windowEnds })
      .thenRefused('invalid-transition');
    const closed: CaseEvent[] = history([...decided, [{ type: 'CloseCase' }, system, windowEnds]]);
    given(closed)
      .when({ type: 'CloseCase' }, { actor: system, now: windowEnds })
      .thenRefused('invalid-transition');
  });

  it('is refused to anyone but the system', () => {
    given(history(decided))
      .when({ type: 'CloseCase' }, { actor: alice, now: windowEnds })
      .thenRefused('role-not-allowed');
  });
});
