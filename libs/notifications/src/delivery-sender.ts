import { Logger } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { Webhook } from 'standardwebhooks';
import type { Sql } from '@recourse/database';
import { caseStreamName } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { contactOf, isEmailAddress, isErased, type PersonalReader } from './contact';
import type { Channel } from './store';
import { subscriptionWithSecret } from './webhooks';

/** A webhook receiver that does not answer within this long counts as failed (retried). */
const WEBHOOK_TIMEOUT_MS = 10_000;

export type AttemptOutcome = 'delivered' | 'cancelled';

export interface DeliverySenderOptions {
  /** nodemailer transport (SMTP_URL); without it e-mail deliveries are never created */
  mail?: Transporter;
  /** NOTIFY_FROM */
  from: string;
  /** opens the sealed contact when the mail is sent */
  personal: PersonalReader;
}

/**
 * Makes one attempt at one delivery and logs it. Throws when the attempt failed and should be
 * retried; the queue (BullMQ or in-process) owns the retries, and calls giveUp after the last.
 * Nothing personal is sent to a webhook: its body holds ids and types only. An e-mail reads the
 * contact at send time, so an erasure that came in meanwhile stops it.
 */
export class DeliverySender {
  private readonly logger = new Logger('Deliveries');

  constructor(
    private readonly db: Sql,
    private readonly store: EventStore,
    private readonly options: DeliverySenderOptions,
  ) {}

  async attempt(id: string, attempt: number): Promise<AttemptOutcome | undefined> {
    const { rows } = await this.db.query<{
      channel: Channel;
      subscription_id: string | null;
      notification_id: string | null;
      body: unknown;
      status: string;
    }>(
      'SELECT channel, subscription_id, notification_id, body, status FROM deliveries WHERE id = $1',
      [id],
    );
    const delivery = rows[0];
    // already delivered, cancelled or given up (a re-handed job): nothing to do
    if (!delivery || delivery.status !== 'pending') return undefined;
    try {
      const result =
        delivery.channel === 'webhook'
          ? await this.postWebhook(id, delivery.subscription_id!, delivery.body)
          : await this.sendMail(id, delivery.notification_id!);
      await this.log(id, attempt, result.outcome, result.statusCode ?? null, null);
      return result.outcome;
    } catch (error) {
      const statusCode = error instanceof HttpStatusError ? error.status : null;
      await this.log(id, attempt, 'failed', statusCode, String((error as Error).message ?? error));
      throw error;
    }
  }

  /** After the last attempt: the delivery is dead (kept in the log, and counted by the caller). */
  async giveUp(id: string, error: string): Promise<void> {
    this.logger.error({ msg: 'delivery gave up after its last attempt', deliveryId: id, error });
    await this.db.query(
      `UPDATE deliveries SET status = 'dead', updated_at = now() WHERE id = $1 AND status = 'pending'`,
      [id],
    );
  }

  private async postWebhook(
    id: string,
    subscriptionId: string,
    body: unknown,
  ): Promise<{ outcome: AttemptOutcome; statusCode?: number }> {
    const subscription = await subscriptionWithSecret(this.db, subscriptionId);
    if (!subscription) return { outcome: 'cancelled' };
    const payload = JSON.stringify(body);
    const now = new Date();
    const response = await fetch(subscription.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(subscription.secret).sign(id, now, payload),
      },
      body: payload,
      // a redirect could point anywhere (an internal address): not followed, counts as failed
      redirect: 'manual',
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status < 200 || response.status > 299) throw new HttpStatusError(response.status);
    return { outcome: 'delivered', statusCode: response.status };
  }

  private async sendMail(
    id: string,
    notificationId: string,
  ): Promise<{ outcome: AttemptOutcome; statusCode?: number }> {
    const { mail, from, personal } = this.options;
    const { rows } = await this.db.query<{ case_id: string; text: string; type: string }>(
      'SELECT case_id, text, type FROM notifications WHERE id = $1',
      [notificationId],
    );
    const notification = rows[0];
    if (!mail || !notification) return { outcome: 'cancelled' };
    const stream = await this.store.readStream(caseStreamName(notification.case_id));
    const contact = isErased(stream) ? null : await contactOf(personal, stream[0]);
    if (!contact || !isEmailAddress(contact)) return { outcome: 'cancelled' };
    const reference = (stream[0].data as { reference?: string }).reference ?? 'your case';
    await mail.sendMail({
      from,
      to: contact,
      subject: `Recourse: news about ${reference}`,
      text: `${notification.text}\n\nSee it in Recourse: your notifications list every message about your cases.\n`,
      // the same id on every attempt: a mail client can drop a second copy
      messageId: `<${id}@recourse>`,
    });
    return { outcome: 'delivered' };
  }

  private async log(
    id: string,
    attempt: number,
    outcome: AttemptOutcome | 'failed',
    statusCode: number | null,
    error: string | null,
  ): Promise<void> {
    await this.db.query(
      `WITH attempt AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, outcome, status_code, error)
         VALUES ($1, $2, $3, $4, $5))
       UPDATE deliveries SET attempts = greatest(attempts, $2),
              status = CASE WHEN $3 = 'failed' THEN status ELSE $3 END, updated_at = now()
        WHERE id = $1`,
      [id, attempt, outcome, statusCode, error],
    );
  }
}

export class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`the receiver answered HTTP ${status}`);
    this.name = 'HttpStatusError';
  }
}
