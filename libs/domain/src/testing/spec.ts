import { fold, initialState, type CaseState } from '../case-state';
import type { CaseCommand } from '../commands';
import { decide, type DecideContext } from '../decide';
import { DomainError, type DomainErrorCode } from '../errors';
import type { Actor, CaseEvent } from '../events';
import { examplePolicy } from '../example-policy';
import type { Policy } from '../policy';

/** Who runs a command and when; the policy defaults to the example policy of DESIGN.md. */
export interface When {
  actor: Actor;
  now: Date;
  policy?: Policy;
}

export interface Outcome {
  /** the command produces exactly these events */
  then(expected: CaseEvent[]): void;
  /** the command produces events matching these (partial) shapes, in order */
  thenMatch(expected: Array<Record<string, unknown>>): void;
  /** the command is refused with this code */
  thenRefused(code: DomainErrorCode): DomainError;
  /** the events, for further assertions */
  events(): CaseEvent[];
}

/**
 * Given/when/then for the decider: `given(history).when(command, { actor, now }).then(events)`.
 */
export function given(history: CaseEvent[] = []) {
  const state: CaseState = fold(history, initialState);
  return {
    state,
    when(command: CaseCommand, when: When): Outcome {
      const context: DecideContext = { policy: examplePolicy, ...when };
      const events = () => decide(command, state, context);
      return {
        then: (expected) => expect(events()).toEqual(expected),
        thenMatch: (expected) => {
          const produced = events();
          expect(produced).toHaveLength(expected.length);
          expect(produced).toMatchObject(expected);
        },
        thenRefused: (code) => {
          let refusal: unknown;
          try {
            const produced = events();
            throw new Error(
              `expected refusal ${code}, got events ${produced.map((e) => e.type).join(', ') || '(none)'}`,
            );
          } catch (error) {
            refusal = error;
          }
          expect(refusal).toBeInstanceOf(DomainError);
          expect((refusal as DomainError).code).toBe(code);
          return refusal as DomainError;
        },
        events,
      };
    },
  };
}

/** One step of a history written as commands: the command, who ran it, and when. */
export type Step = [CaseCommand, Actor, Date];

/** An event with who caused it and when: what the event store records beside it. */
export interface TimedEvent {
  event: CaseEvent;
  actor: Actor;
  at: Date;
}

/** The events the steps add after `from`, each with its actor and time (see history). */
export function timedHistory(
  steps: Step[],
  policy: Policy = examplePolicy,
  from: CaseEvent[] = [],
): TimedEvent[] {
  const events = [...from];
  const timed: TimedEvent[] = [];
  for (const [command, actor, now] of steps) {
    const produced = decide(command, fold(events), { actor, now, policy });
    events.push(...produced);
    timed.push(...produced.map((event) => ({ event, actor, at: now })));
  }
  return timed;
}

/**
 * Builds a realistic history by running commands through the decider itself, so fixtures never
 * drift from what the decider really emits. Throws if any step is refused.
 */
export function history(
  steps: Step[],
  policy: Policy = examplePolicy,
  from: CaseEvent[] = [],
): CaseEvent[] {
  return [...from, ...timedHistory(steps, policy, from).map((timed) => timed.event)];
}
