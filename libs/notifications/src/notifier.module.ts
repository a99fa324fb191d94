import {
  Inject,
  Injectable,
  Logger,
  Module,
  Optional,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import { createTransport } from 'nodemailer';
import type { RecourseConfig } from '@recourse/config';
import {
  CLOCK,
  closeRedis,
  CONFIG,
  DATABASE,
  EVENT_STORE,
  POLICY,
  openRedis,
} from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import {
  armSoonestFirst,
  BullmqDeadlineTimers,
  InProcessDeadlineTimers,
  type DeadlineTimers,
} from '@recourse/deadlines';
import { fixedDurationMs, type Clock, type Policy } from '@recourse/domain';
import type { EventStore } from '@recourse/event-store';
import { CHECKPOINT_AGE_GAUGE, Metrics, PENDING_TIMERS_GAUGE } from '@recourse/observability';
import { PersonalDataModule, PersonalDataService } from '@recourse/personal-data';
import { ReadModelsModule } from '@recourse/read-models';
import { mailCheck, personalReader } from './contact';
import {
  BullmqDeliveryQueue,
  DEFAULT_DELIVERY_RETRY,
  InProcessDeliveryQueue,
  type DeliveryQueue,
  type DeliveryRetryOptions,
} from './delivery-queue';
import { DeliverySender } from './delivery-sender';
import { migrateNotifications } from './migrations';
import { DEFAULT_NOTIFIER_OPTIONS, Notifier } from './notifier';
import { openReminders, ReminderFiring } from './reminders';
import { notifierCheckpoint, pendingDeliveryIds } from './store';
import { WaveDetector } from './wave-detector';

export const NOTIFIER_OPTIONS = Symbol('NOTIFIER_OPTIONS');

export interface NotifierModuleOptions {
  /** BullMQ on this Redis; without it deliveries and reminders run in this process */
  redisUrl?: string;
  /** BullMQ key prefix (default 'recourse'); tests pass a unique one */
  prefix?: string;
  retry?: Partial<DeliveryRetryOptions>;
}

export const REMINDER_QUEUE = 'notify.reminders';

/**
 * Starts the notifier the configuration asks for: delivery queue (BullMQ or in-process) and its
 * pending deliveries, reminder timers, then the subscriber feeding them. Stops in reverse order.
 */
@Injectable()
export class NotifierRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Notifications');
  private readonly parts: { stop(): Promise<void> }[] = [];
  private redis?: Redis;

  constructor(
    @Inject(CONFIG) private readonly config: RecourseConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(POLICY) private readonly policy: Policy,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly personalData: PersonalDataService,
    @Inject(NOTIFIER_OPTIONS) private readonly options: NotifierModuleOptions,
    @Optional() private readonly metrics: Metrics = new Metrics(),
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateNotifications(this.db);
    const redisUrl = this.options.redisUrl ?? this.config.redisUrl;
    const prefix = this.options.prefix ?? 'recourse';
    const retry = { ...DEFAULT_DELIVERY_RETRY, ...this.options.retry };
    const mail = this.config.smtpUrl ? createTransport(this.config.smtpUrl) : undefined;
    const personal = personalReader(this.personalData);
    const sender = new DeliverySender(this.db, this.store, {
      mail,
      from: this.config.notifyFrom,
      personal,
    });
    const canMail = mailCheck(mail !== undefined, personal);
    if (redisUrl) this.redis = openRedis(redisUrl);
    const deliveries: DeliveryQueue = this.redis
      ? new BullmqDeliveryQueue(this.redis, prefix, sender, retry, this.metrics)
      : new InProcessDeliveryQueue(sender, retry, this.metrics);
    const reminderFiring = new ReminderFiring(
      this.db,
      this.store,
      this.policy,
      this.clock,
      deliveries,
      canMail,
    );
    const reminders: DeadlineTimers = redisUrl
      ? new BullmqDeadlineTimers(
          { redisUrl, prefix, queueName: REMINDER_QUEUE, concurrency: 4 },
          reminderFiring,
          this.clock,
        )
      : new InProcessDeadlineTimers(reminderFiring, this.clock, 4);
    const notifier = new Notifier(
      this.db,
      this.store,
      this.policy,
      {
        deliveries,
        reminders,
        waves: new WaveDetector(this.db, this.store, this.alertRule()),
        canMail,
        personal,
      },
      DEFAULT_NOTIFIER_OPTIONS,
    );
    await deliveries.start();
    // what a crash left between the commit and the queue, or what the last process had in hand
    await deliveries.hand(await pendingDeliveryIds(this.db));
    const armOpenReminders = async () => {
      const open = openReminders(this.db, this.store, this.policy, this.clock.now());
      for await (const page of open) await armSoonestFirst(reminders, page);
    };
    // a Redis that lost the reminder timers gets them back at once, as the deadline timers do,
    // not at the next start
    reminders.whenLost?.(async () => {
      await armOpenReminders();
      return 'reminders re-armed';
    });
    await reminders.start();
    await armOpenReminders();
    notifier.start();
    // stopped in this order: no new facts, then no new reminders, then the deliveries in hand
    this.parts.push(notifier, reminders, deliveries);
    this.metrics.sampledGauge(PENDING_TIMERS_GAUGE, async () => [
      { labels: { timers: 'reminders' }, value: await reminders.pending() },
    ]);
    this.metrics.sampledGauge(CHECKPOINT_AGE_GAUGE, async () => {
      const seconds = await notifierCheckpoint.ageSeconds(this.db);
      return seconds === null ? [] : [{ labels: { checkpoint: 'notifier' }, value: seconds }];
    });
    this.logger.log({
      msg: 'notifications started',
      queue: redisUrl ? 'bullmq' : 'in-process',
      email: mail ? 'smtp' : 'inbox only',
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const part of this.parts.splice(0)) await part.stop();
    if (this.redis) await closeRedis(this.redis);
    this.redis = undefined;
  }

  private alertRule() {
    // the policy validated it as a duration without working days
    const { window, minCases, factor } = this.policy.alerts;
    return { windowMs: fixedDurationMs(window), minCases, factor };
  }
}

/**
 * Notifications: the subscriber turning facts into inbox rows, e-mails and webhooks, their
 * delivery, the escalation-window reminders and the appeal-wave detector. The mode follows
 * CONFIG (REDIS_URL) unless the options name a Redis; the options tune it (tests). Needs
 * InfrastructureModule.
 */
@Module({})
export class NotifierModule {
  static forRoot(options: NotifierModuleOptions = {}): DynamicModule {
    return {
      module: NotifierModule,
      imports: [ReadModelsModule, PersonalDataModule],
      providers: [{ provide: NOTIFIER_OPTIONS, useValue: options }, NotifierRuntime],
    };
  }
}
