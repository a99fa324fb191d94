import { Logger } from '@nestjs/common';
import {
  uuidV5,
  type CaseCommandService,
  type CommandInput,
  type LoadedCase,
} from '@recourse/commands';
import {
  isDomainError,
  type Actor,
  type CaseCommand,
  type DomainErrorCode,
} from '@recourse/domain';
import type { Metrics } from '@recourse/observability';
import type { Counter } from 'prom-client';
import { timerId, type DeadlineTimer } from './deadline-timer';
import type { RetentionFiring } from './retention-firing';

/** The slice of the command service the timers need. */
export type SystemCommands = Pick<CaseCommandService, 'execute'>;

export type FiringResult =
  | { outcome: 'appended'; revision: number; eventTypes: string[] }
  /** the deadline was met, paused, superseded or already recorded: nothing to do */
  | { outcome: 'no-op'; reason: string }
  /** the domain's clock says it is not due yet (clock skew between machines): try again later */
  | { outcome: 'not-due' };

export const SYSTEM_ACTOR: Actor = { id: 'system', role: 'system' };

/** Refusals that mean "this timer has nothing left to do", by the command the timer sends. */
const NOTHING_TO_DO: Record<'RecordMissedDeadline' | 'CloseCase', readonly DomainErrorCode[]> = {
  RecordMissedDeadline: ['deadline-not-standing', 'deadline-already-recorded'],
  CloseCase: ['invalid-transition'], // already closed, or withdrawn
};

// fixed namespace: a timer always runs under the same correlation id, however often it fires
const CORRELATION_NAMESPACE = '5b0c3f8e-6a55-4f43-9b59-2f7c2a9f1d11';

/** Thrown from the command factory when the decision whose window the timer waits for is gone. */
class WindowSuperseded extends Error {}

/**
 * The one handler every timer ends in (BullMQ job, in-process timer, reconciliation sweep).
 * It only asks: the domain decides whether the deadline still stands, and the expected revision
 * of the append decides races, so a timer that runs twice appends its events once. Retention
 * timers go to RetentionFiring.
 */
export class DeadlineFiring {
  private readonly logger = new Logger(DeadlineFiring.name);
  private readonly firings?: Counter<'outcome'>;

  constructor(
    private readonly commands: SystemCommands,
    metrics?: Metrics,
    private readonly retention?: RetentionFiring,
  ) {
    this.firings = metrics?.counter<'outcome'>({
      name: 'recourse_deadline_firings_total',
      help: 'Deadline timers fired, by outcome (appended, no-op, not-due, failed)',
      labelNames: ['outcome'],
    });
  }

  async fire(timer: DeadlineTimer): Promise<FiringResult> {
    try {
      const result = await (timer.kind === 'retention' ? this.retain(timer) : this.decide(timer));
      this.firings?.inc({ outcome: result.outcome });
      return result;
    } catch (error) {
      this.firings?.inc({ outcome: 'failed' });
      throw error;
    }
  }

  private retain(timer: DeadlineTimer): Promise<FiringResult> {
    if (!this.retention) throw new Error(`no retention handler for timer ${timerId(timer)}`);
    return this.retention.fire(timer);
  }

  private async decide(timer: DeadlineTimer): Promise<FiringResult> {
    const id = timerId(timer);
    const command = commandFor(timer);
    try {
      const result = await this.commands.execute(timer.caseId, command, {
        actor: SYSTEM_ACTOR,
        correlationId: uuidV5(id, CORRELATION_NAMESPACE),
      });
      const eventTypes = result.events.map((event) => event.type);
      this.logger.log({
        msg: 'deadline fired',
        timer: id,
        due: timer.due,
        revision: result.revision,
        eventTypes,
      });
      return { outcome: 'appended', revision: result.revision, eventTypes };
    } catch (error) {
      const type = timer.kind === 'escalation-window' ? 'CloseCase' : 'RecordMissedDeadline';
      const reason =
        error instanceof WindowSuperseded
          ? 'decision-superseded'
          : isDomainError(error) && NOTHING_TO_DO[type].includes(error.code)
            ? error.code
            : undefined;
      if (reason !== undefined) {
        this.logger.debug({ msg: 'deadline no longer stands', timer: id, reason });
        return { outcome: 'no-op', reason };
      }
      if (isDomainError(error) && error.code === 'deadline-not-due') {
        this.logger.warn({
          msg: 'deadline not due by the domain clock',
          timer: id,
          due: timer.due,
        });
        return { outcome: 'not-due' };
      }
      throw error;
    }
  }
}

function commandFor(timer: DeadlineTimer): CommandInput {
  if (timer.kind === 'acknowledge' || timer.kind === 'respond') {
    return {
      type: 'RecordMissedDeadline',
      deadline: timer.kind,
      setAtRevision: timer.setAtRevision,
    };
  }
  // CloseCase names no decision: make sure the window this timer waits for is still the current
  // one (after a citizen's escalation and a new decision, only the new window may close the case)
  return ({ state }: LoadedCase): CaseCommand => {
    if (state.decision?.escalationWindowEndsAt !== timer.due) {
      throw new WindowSuperseded(
        `the decision with the window ending at ${timer.due} was superseded`,
      );
    }
    return { type: 'CloseCase' };
  };
}
