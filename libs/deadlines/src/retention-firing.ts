import { Logger } from '@nestjs/common';
import { uuidV5, type SubjectErasure } from '@recourse/commands';
import type { Sql } from '@recourse/database';
import {
  caseStreamName,
  retentionDueAt,
  subjectRetention,
  type Clock,
  type Policy,
} from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { timerId, type DeadlineTimer } from './deadline-timer';
import { SYSTEM_ACTOR, type FiringResult } from './deadline-firing';
import { caseEventAt, caseRetentionOf, pendingTimers } from './timer-plan';

/** The slice of the subject erasure retention needs. */
export type SubjectEraser = Pick<SubjectErasure, 'erase'>;

// fixed namespace: a retention timer always erases under the same correlation id
const CORRELATION_NAMESPACE = '0f6a7c52-93d4-4b8e-a1c2-6e5d4b3a2f19';

/**
 * What a retention timer does when it falls due: erases the case owner's personal data (the
 * whole subject, as one key seals all their cases) once every case of theirs has ended and is
 * past its retention. Otherwise nothing: the case that ended last brings its own timer. The
 * subject's cases come from the read model, each one's state from its stream. Firing twice, or
 * after an erasure on request, finds nothing pending and changes nothing.
 */
export class RetentionFiring {
  private readonly logger = new Logger(RetentionFiring.name);

  constructor(
    private readonly readModels: Sql,
    private readonly store: EventStore,
    private readonly erasure: SubjectEraser,
    private readonly policy: Policy,
    private readonly clock: Clock,
  ) {}

  async fire(timer: DeadlineTimer): Promise<FiringResult> {
    const rule = this.policy.retention.personalData;
    if (rule === null) return { outcome: 'no-op', reason: 'no-retention-rule' };
    const history = await this.history(timer.caseId);
    if (!pendingTimers(timer.caseId, history, rule).some((t) => t.kind === 'retention'))
      return { outcome: 'no-op', reason: 'retention-not-pending' };
    const own = caseRetentionOf(history);
    const now = this.clock.now();
    const due = Date.parse(retentionDueAt(own.endedAt!, rule));
    if (due > now.getTime()) {
      // armed under a shorter rule than the policy's now: the sweep erases it when due
      if (due > Date.parse(timer.due)) return { outcome: 'no-op', reason: 'retention-lengthened' };
      return { outcome: 'not-due' }; // this machine's clock is behind the one that fired it
    }

    const owner = history[0].event.type === 'CaseFiled' ? history[0].event.data.ownerId : undefined;
    if (owner === undefined) throw new Error(`case ${timer.caseId} does not start with CaseFiled`);
    const { rows } = await this.readModels.query<{ id: string }>(
      'SELECT id::text AS id FROM cases WHERE owner_id = $1 AND id <> $2',
      [owner, timer.caseId],
    );
    const others = await Promise.all(
      rows.map(async ({ id }) => caseRetentionOf(await this.history(id))),
    );
    const verdict = subjectRetention([own, ...others], rule, now);
    if (!verdict.erase) {
      this.logger.debug({ msg: 'retention keeps the subject', timer: timerId(timer), ...verdict });
      return { outcome: 'no-op', reason: verdict.reason };
    }
    const report = await this.erasure.erase(owner, SYSTEM_ACTOR, {
      reason: 'retention',
      correlationId: uuidV5(timerId(timer), CORRELATION_NAMESPACE),
    });
    const erased = report?.cases.find((one) => one.caseId === timer.caseId);
    this.logger.log({
      msg: 'personal data erased by retention',
      timer: timerId(timer),
      cases: report?.cases.length ?? 0,
      keys: report?.keys.length ?? 0,
    });
    return {
      outcome: 'appended',
      revision: erased?.revision ?? history.length - 1,
      eventTypes: ['PersonalDataErased'],
    };
  }

  private async history(caseId: string) {
    return (await this.store.readStream(caseStreamName(caseId))).map(caseEventAt);
  }
}
