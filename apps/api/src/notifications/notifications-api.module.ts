import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { migrateNotifications } from '@recourse/notifications';
import { InboxController } from './inbox.controller';
import { WebhooksController } from './webhooks.controller';

/** The API may start before any worker: make sure the tables it reads exist. */
@Injectable()
class NotificationTables implements OnApplicationBootstrap {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async onApplicationBootstrap(): Promise<void> {
    await migrateNotifications(this.db);
  }
}

/** The citizen's inbox and the webhook subscriptions of authorities and oversight. */
@Module({
  controllers: [InboxController, WebhooksController],
  providers: [NotificationTables],
})
export class NotificationsApiModule {}
