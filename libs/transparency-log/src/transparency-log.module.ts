import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigError, type RecourseConfig } from '@recourse/config';
import type { Database } from '@recourse/database';
import type { EventStore } from '@recourse/event-store';
import { CONFIG, DATABASE, EVENT_STORE } from '@recourse/infrastructure';
import { noteSigner } from '@recourse/transparency';
import { CheckpointSigner } from './checkpoint-signer';
import { migrateTransparencyLog } from './schema';
import { TreeProjector } from './tree-projector';

const TREE_BATCH = { batchSize: 1000, batchWaitMs: 20 };

/**
 * The worker side of the transparency log: keeps the tree up with the store and signs
 * checkpoints. A process that signs needs the key: outside embedded mode, no key stops start-up.
 */
@Injectable()
export class TransparencyLogRuntime implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('TransparencyLog');
  private readonly parts: { stop(): Promise<void> }[] = [];

  constructor(
    @Inject(CONFIG) private readonly config: RecourseConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { origin, signingKey, devKeyFile, checkpointIntervalMs } = this.config.transparencyLog;
    if (!signingKey) {
      throw new ConfigError(
        'RECOURSE_LOG_SIGNING_KEY',
        'an Ed25519 private key (PEM) is required to sign checkpoints when DATABASE_URL or EVENTSTORE_URL is set',
      );
    }
    if (devKeyFile) {
      this.logger.warn(
        `RECOURSE_LOG_SIGNING_KEY is not set: signing checkpoints with a generated development key kept in ${devKeyFile}. ` +
          'Set RECOURSE_LOG_SIGNING_KEY in production and publish its verifier key (GET /v1/log/key).',
      );
    }
    await migrateTransparencyLog(this.db);
    const projector = new TreeProjector(this.db, this.store, TREE_BATCH);
    const signer = new CheckpointSigner(
      this.db,
      noteSigner(origin, signingKey),
      checkpointIntervalMs,
    );
    projector.start();
    signer.start();
    this.parts.push(signer, projector);
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const part of this.parts.splice(0)) await part.stop();
  }
}

/** Needs InfrastructureModule (CONFIG, DATABASE, EVENT_STORE). */
@Module({ providers: [TransparencyLogRuntime] })
export class TransparencyLogModule {}
