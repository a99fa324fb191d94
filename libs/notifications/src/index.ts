export { migrateNotifications } from './migrations';
export {
  NotifierModule,
  NotifierRuntime,
  NOTIFIER_OPTIONS,
  REMINDER_QUEUE,
  type NotifierModuleOptions,
} from './notifier.module';
export {
  noticesFor,
  escalationWindowClosing,
  ESCALATION_WINDOW_CLOSING,
  type Notice,
} from './notices';
export { reminderSetBy, openReminders, REMINDER_WORKING_DAYS } from './reminders';
export { ERASURE_EVENT, isEmailAddress, personalReader, type PersonalReader } from './contact';
export {
  createSubscription,
  listSubscriptions,
  deleteSubscription,
  deliveryLog,
  type WebhookSubscription,
  type DeliveryLogEntry,
} from './webhooks';
export { WaveDetector, type WaveWatch } from './wave-detector';
export { listAlerts, type RecordedWave } from './alerts';
export { inbox, type InboxItem, type InboxPage } from './inbox';
export {
  BullmqDeliveryQueue,
  DELIVERY_QUEUE,
  DELIVERY_DEAD_LETTER_QUEUE,
  type DeliveryRetryOptions,
} from './delivery-queue';
export { DeliverySender } from './delivery-sender';
