import { Logger } from '@nestjs/common';
import { deterministicId } from '@recourse/commands';
import type { Database } from '@recourse/database';
import {
  caseEventAt,
  type CaseEventAt,
  type DeadlineTimer,
  type DeadlineTimers,
} from '@recourse/deadlines';
import {
  caseIdOfStream,
  fold,
  type AppealWaveDetected,
  type DecisionIssued,
  type Policy,
} from '@recourse/domain';
import {
  positionToString,
  START,
  type EventStore,
  type RecordedEvent,
} from '@recourse/event-store';
import { followLog } from '@recourse/projections';
import { insertAlerts } from './alerts';
import { isErased, signersOf, type MailCheck, type PersonalReader } from './contact';
import type { DeliveryQueue } from './delivery-queue';
import { noticesFor, type Notice } from './notices';
import { Outgoing } from './outgoing';
import { reminderSetBy } from './reminders';
import { insertDeliveries, insertNotifications, notifierCheckpoint } from './store';
import { readWaveWatch, saveWaveWatch, type WaveDetector } from './wave-detector';
import { listSubscriptions, type WebhookSubscription } from './webhooks';

export interface NotifierOptions {
  batchSize: number;
  batchWaitMs: number;
  retryDelayMs: number;
}

export const DEFAULT_NOTIFIER_OPTIONS: NotifierOptions = {
  batchSize: 200,
  batchWaitMs: 5,
  retryDelayMs: 1000,
};

/** The facts a case's webhooks and notices need, read once per batch. */
interface CaseFacts {
  stream: RecordedEvent[];
  erased: boolean;
  mail: boolean;
  /** petition signers' ids by the identity the domain folds them under, read when needed */
  signers?: Promise<Map<string, string | null>>;
}

/**
 * Turns the event log into notifications: its own catch-up subscription, from its own checkpoint
 * in the read-model database. For each batch, in one transaction with the checkpoint: the inbox
 * rows of the citizens concerned and the deliveries (e-mails, webhooks) they and the subscribers
 * are owed; then the deliveries are handed to their queue and the reminders armed. Ids derive
 * from the facts, so a batch replayed after a crash, or run by a second worker, adds nothing.
 * Appeal filings also go through the wave detector, which may append AppealWaveDetected.
 */
export class Notifier {
  private readonly logger = new Logger('Notifier');
  private readonly abort = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly db: Database,
    private readonly store: EventStore,
    private readonly policy: Policy,
    private readonly parts: {
      deliveries: DeliveryQueue;
      reminders: DeadlineTimers;
      waves: WaveDetector;
      canMail: MailCheck;
      personal: PersonalReader;
    },
    private readonly options: NotifierOptions = DEFAULT_NOTIFIER_OPTIONS,
  ) {}

  start(): void {
    this.running = this.run();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private run(): Promise<void> {
    return followLog(this.store, {
      from: async () => (await notifierCheckpoint.read(this.db)) ?? START,
      batchSize: this.options.batchSize,
      batchWaitMs: this.options.batchWaitMs,
      retryDelayMs: this.options.retryDelayMs,
      signal: this.abort.signal,
      onBatch: (batch) => this.handle(batch),
      onFailure: (error) =>
        this.logger.error({
          msg: 'notifier failed; restarting from its checkpoint',
          error: String(error),
        }),
    });
  }

  private async handle(batch: RecordedEvent[]): Promise<void> {
    const subscriptions = await listSubscriptions(this.db);
    const watch = await readWaveWatch(this.db);
    const outgoing = new Outgoing();
    const reminders: DeadlineTimer[] = [];
    const alerts: RecordedEvent[] = [];
    const cases = new Map<string, Promise<CaseFacts>>();
    const factsOf = (stream: string): Promise<CaseFacts> => {
      let facts = cases.get(stream);
      if (!facts) {
        facts = this.store.readStream(stream).then(async (events) => ({
          stream: events,
          erased: isErased(events),
          mail: await this.parts.canMail(events),
        }));
        cases.set(stream, facts);
      }
      return facts;
    };
    for (const event of batch) {
      const caseId = caseIdOfStream(event.stream);
      let authorityId: string | null = null;
      let caseIdOfEvent: string | null = null;
      if (caseId !== undefined) {
        const facts = await factsOf(event.stream);
        const history = facts.stream.filter((e) => e.revision <= event.revision).map(caseEventAt);
        const next = facts.stream.find((e) => e.revision === event.revision + 1);
        authorityId = fold(history.map((at) => at.event)).authorityId;
        caseIdOfEvent = caseId;
        if (!facts.erased) {
          const notices = await this.toSigners(
            facts,
            noticesFor(history, next && caseEventAt(next).event, this.policy),
          );
          outgoing.addNotices(event.id, caseId, occurredAt(event), notices, facts.mail);
          const reminder = this.reminderOf(caseId, event, history);
          if (reminder) reminders.push(reminder);
        }
        if (event.type === 'CaseFiled') await this.parts.waves.onFiling(event, watch);
      } else if (event.type === 'AppealWaveDetected') {
        authorityId = (event.data as AppealWaveDetected['data']).authorityId;
        alerts.push(event);
      } else {
        continue;
      }
      outgoing.deliveries.push(
        ...webhookDeliveries(event, caseIdOfEvent, authorityId, subscriptions),
      );
    }
    const last = batch[batch.length - 1].position;
    await this.db.transaction(async (tx) => {
      await insertNotifications(tx, outgoing.notifications);
      await insertDeliveries(tx, outgoing.deliveries);
      await insertAlerts(tx, alerts);
      await saveWaveWatch(tx, watch);
      await notifierCheckpoint.advance(tx, last);
    });
    // after the commit: a crash before this leaves them pending, and the start hands them again
    await this.parts.deliveries.hand(outgoing.deliveries.map((delivery) => delivery.id));
    await this.parts.reminders.arm(reminders);
  }

  /**
   * Notices for petition signers name them by the sealed identity the domain folds: addressed to
   * each signer's own id instead, and dropped for a signer whose data was erased.
   */
  private async toSigners(facts: CaseFacts, notices: Notice[]): Promise<Notice[]> {
    const ownerId = (facts.stream[0]?.data as { ownerId?: string } | undefined)?.ownerId;
    if (notices.every((notice) => notice.recipientId === ownerId)) return notices;
    facts.signers ??= signersOf(this.parts.personal, facts.stream);
    const signers = await facts.signers;
    return notices.flatMap((notice) => {
      if (notice.recipientId === ownerId) return [notice];
      const recipientId = signers.get(notice.recipientId);
      return recipientId ? [{ ...notice, recipientId }] : [];
    });
  }

  private reminderOf(
    caseId: string,
    event: RecordedEvent,
    history: CaseEventAt[],
  ): DeadlineTimer | undefined {
    if (event.type !== 'DecisionIssued') return undefined;
    if (fold(history.map((at) => at.event)).status !== 'decided') return undefined;
    return reminderSetBy(
      caseId,
      event.revision,
      event.data as DecisionIssued['data'],
      occurredAt(event),
      this.policy,
    );
  }
}

const occurredAt = (event: RecordedEvent): string => String(event.metadata.occurredAt);

/**
 * The webhook deliveries one fact owes: to every subscription to its type (of its authority, if
 * the subscription names one). The body holds ids, types and counts, never personal data; its
 * webhook-id derives from the fact and the subscription, the same on every attempt.
 */
function webhookDeliveries(
  event: RecordedEvent,
  caseId: string | null,
  authorityId: string | null,
  subscriptions: readonly WebhookSubscription[],
) {
  const matching = subscriptions.filter(
    (s) =>
      s.events.includes(event.type) && (s.authorityId === null || s.authorityId === authorityId),
  );
  if (matching.length === 0) return [];
  const extra =
    event.type === 'AppealWaveDetected'
      ? (({ decisionType, from, to, count, baseline, factor }: AppealWaveDetected['data']) => ({
          decisionType,
          from,
          to,
          count,
          baseline,
          factor,
        }))(event.data as AppealWaveDetected['data'])
      : {};
  const body = {
    type: event.type,
    timestamp: occurredAt(event),
    data: {
      caseId,
      authorityId,
      eventId: event.id,
      stream: event.stream,
      revision: event.revision,
      position: positionToString(event.position),
      ...extra,
    },
  };
  return matching.map((subscription) => ({
    id: `msg_${deterministicId('webhook', event.id, subscription.id)}`,
    channel: 'webhook' as const,
    subscriptionId: subscription.id,
    notificationId: null,
    eventType: event.type,
    body,
  }));
}
