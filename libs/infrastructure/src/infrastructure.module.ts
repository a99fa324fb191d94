import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { join } from 'node:path';
import type { Database } from '@recourse/database';
import type { Clock, Policy } from '@recourse/domain';
import { openEventStore, type EventStore } from '@recourse/event-store';
import { loadConfiguredPolicy, type RecourseConfig } from '@recourse/config';
import { acquireDatabase, releaseDatabase } from './shared-database';
import { systemClock } from './system-clock';
import { CLOCK, CONFIG, DATABASE, EVENT_STORE, POLICY } from './tokens';

export interface InfrastructureOverrides {
  clock?: Clock;
  policy?: Policy;
  /** a database the caller opened and will close (tests: a fresh schema) */
  database?: Database;
}

const DATABASE_OWNED = Symbol('DATABASE_OWNED');

/** Closes what this module opened, event store first (it writes through the database). */
@Injectable()
class InfrastructureLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Infrastructure');

  constructor(
    @Inject(CONFIG) private readonly config: RecourseConfig,
    @Inject(DATABASE) private readonly database: Database,
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DATABASE_OWNED) private readonly databaseOwned: boolean,
  ) {}

  onApplicationBootstrap(): void {
    const { auth } = this.config;
    if (auth.algorithm === 'HS256' && auth.devSecretFile) {
      this.logger.warn(
        `AUTH_JWT_SECRET is not set: using a generated development secret kept in ${auth.devSecretFile}. ` +
          'Set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL in production.',
      );
    }
    if (this.config.kekFile) {
      this.logger.warn(
        `RECOURSE_KEK is not set: personal data keys are wrapped by a generated key kept in ${this.config.kekFile}. ` +
          'Set RECOURSE_KEK in production.',
      );
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.eventStore.close();
    if (this.databaseOwned) await releaseDatabase(this.database);
  }
}

/**
 * The process-wide infrastructure behind the tokens in ./tokens: validated config, policy,
 * clock, the database (PostgreSQL with DATABASE_URL, else PGlite under <dataDir>/pglite) and
 * the event store. Global, so feature modules inject the tokens without importing it.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(config: RecourseConfig, overrides: InfrastructureOverrides = {}): DynamicModule {
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CONFIG, useValue: config },
        {
          provide: POLICY,
          useFactory: () => overrides.policy ?? loadConfiguredPolicy(config.policyPath),
        },
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        { provide: DATABASE_OWNED, useValue: overrides.database === undefined },
        {
          provide: DATABASE,
          useFactory: () =>
            overrides.database ??
            acquireDatabase({ url: config.databaseUrl, dataDir: join(config.dataDir, 'pglite') }),
        },
        {
          provide: EVENT_STORE,
          inject: [DATABASE],
          useFactory: (database: Database) =>
            openEventStore({ eventStoreUrl: config.eventStoreUrl, database }),
        },
        InfrastructureLifecycle,
      ],
      exports: [CONFIG, POLICY, CLOCK, DATABASE, EVENT_STORE],
    };
  }
}
