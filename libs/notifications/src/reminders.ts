import { Logger } from '@nestjs/common';
import type { Database, Sql } from '@recourse/database';
import {
  caseEventAt,
  type DeadlineTimer,
  type FiringResult,
  type TimerHandler,
} from '@recourse/deadlines';
import {
  calendarOf,
  caseStreamName,
  findAuthority,
  workingDaysBefore,
  type Clock,
  type DecisionIssued,
  type Policy,
} from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { isErased, type MailCheck } from './contact';
import type { DeliveryQueue } from './delivery-queue';
import { escalationWindowClosing } from './notices';
import { Outgoing } from './outgoing';
import { insertDeliveries, insertNotifications } from './store';

/** The reminder comes this many working days before the escalation window closes. */
export const REMINDER_WORKING_DAYS = 2;

/**
 * The reminder timer a decision sets: due two working days (in the deciding authority's
 * calendar) before its escalation window ends; none when the window is shorter than that.
 * Named by the decision's revision, like the deadline timers.
 */
export function reminderSetBy(
  caseId: string,
  revision: number,
  decision: DecisionIssued['data'],
  decidedAt: string,
  policy: Policy,
): DeadlineTimer | undefined {
  const authority = findAuthority(policy, decision.authorityId);
  if (!decision.escalationWindowEndsAt || !authority) return undefined;
  const due = workingDaysBefore(
    new Date(decision.escalationWindowEndsAt),
    REMINDER_WORKING_DAYS,
    calendarOf(policy, authority),
  );
  if (due.getTime() <= Date.parse(decidedAt)) return undefined;
  return { caseId, kind: 'escalation-window', setAtRevision: revision, due: due.toISOString() };
}

/**
 * Runs a due reminder (the deadline timers' machinery, on its own queue): if the decision still
 * stands and the subject was not erased, the owner is told the window closes soon.
 */
export class ReminderFiring implements TimerHandler {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly policy: Policy,
    private readonly clock: Clock,
    private readonly deliveries: DeliveryQueue,
    private readonly canMail: MailCheck,
  ) {}

  async fire(timer: DeadlineTimer): Promise<FiringResult> {
    if (this.clock.now().getTime() < Date.parse(timer.due)) return { outcome: 'not-due' };
    const stream = await this.store.readStream(caseStreamName(timer.caseId));
    const notices = isErased(stream)
      ? []
      : escalationWindowClosing(stream.map(caseEventAt), timer.setAtRevision, this.policy);
    if (notices.length === 0) return { outcome: 'no-op', reason: 'decision-superseded' };
    const outgoing = new Outgoing();
    outgoing.addNotices(
      `reminder/${timer.caseId}/${timer.setAtRevision}`,
      timer.caseId,
      timer.due,
      notices,
      await this.canMail(stream),
    );
    await this.db.transaction(async (tx) => {
      await insertNotifications(tx, outgoing.notifications);
      await insertDeliveries(tx, outgoing.deliveries);
    });
    await this.deliveries.hand(outgoing.deliveries.map((delivery) => delivery.id));
    this.logger.log({ msg: 'escalation window reminder sent', caseId: timer.caseId });
    return { outcome: 'appended', revision: timer.setAtRevision, eventTypes: [] };
  }
}

/** decided cases whose reminders are worked out (their streams read in one go) and armed at once */
const REMINDER_PAGE = 50;

/**
 * The reminders still to come, from the read model's decided cases whose window is open and each
 * one's stream: armed at start, because in-process timers die with the process (and arming a
 * BullMQ timer that exists changes nothing), and when Redis lost them. Yields them a page at a
 * time, the windows that close first first, so that the caller arms the soonest before reading
 * the rest. Those already due fire at once; the handler decides.
 */
export async function* openReminders(
  readModels: Sql,
  store: EventStore,
  policy: Policy,
  now: Date,
): AsyncGenerator<DeadlineTimer[]> {
  const { rows: decided } = await readModels.query<{ id: string }>(
    `SELECT id::text AS id FROM cases
      WHERE status = 'decided' AND (decision ->> 'escalationWindowEndsAt')::timestamptz > $1
      ORDER BY (decision ->> 'escalationWindowEndsAt')::timestamptz, id`,
    [now.toISOString()],
  );
  for (let start = 0; start < decided.length; start += REMINDER_PAGE) {
    const rows = decided.slice(start, start + REMINDER_PAGE);
    const streams = await store.readStreams(rows.map(({ id }) => caseStreamName(id)));
    const timers: DeadlineTimer[] = [];
    rows.forEach(({ id }, k) => {
      const decision = streams[k].findLast((event) => event.type === 'DecisionIssued');
      if (!decision) return;
      const occurredAt = String(decision.metadata.occurredAt);
      const data = decision.data as DecisionIssued['data'];
      const timer = reminderSetBy(id, decision.revision, data, occurredAt, policy);
      if (timer) timers.push(timer);
    });
    yield timers;
  }
}
