import { deterministicId } from '@recourse/commands';
import type { Notice } from './notices';
import type { DeliveryRow, NotificationRow } from './store';

/** What a batch of facts gives rise to: inbox rows and deliveries, written in one transaction. */
export class Outgoing {
  readonly notifications: NotificationRow[] = [];
  readonly deliveries: DeliveryRow[] = [];

  /**
   * Adds the inbox rows of these notices (id derived from the fact and the recipient, so a
   * replay adds nothing) and an e-mail for each that asks for one when `mailTo` allows it.
   */
  addNotices(
    fact: string,
    caseId: string,
    at: string,
    notices: readonly Notice[],
    mailTo: boolean,
  ): void {
    for (const notice of notices) {
      const id = deterministicId('notification', fact, notice.recipientId);
      const email = notice.email && mailTo;
      this.notifications.push({
        id,
        recipientId: notice.recipientId,
        caseId,
        type: notice.type,
        text: notice.text,
        at,
        email,
      });
      if (email) {
        this.deliveries.push({
          id: `mail_${id}`,
          channel: 'email',
          subscriptionId: null,
          notificationId: id,
          eventType: notice.type,
          body: null,
        });
      }
    }
  }
}
