import { Logger } from '@nestjs/common';
import type { Database } from '@recourse/database';
import type { NoteSigner } from '@recourse/transparency';
import { signCheckpoint } from './checkpoints';

/** Signs a checkpoint at start and then once per interval, whenever the tree has grown. */
export class CheckpointSigner {
  private readonly logger = new Logger('Checkpoints');
  private timer?: NodeJS.Timeout;
  private signing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly signer: NoteSigner,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.signing;
  }

  private tick(): void {
    this.signing = this.signing.then(async () => {
      try {
        const size = await signCheckpoint(this.db, this.signer);
        if (size !== null) this.logger.log({ msg: 'checkpoint signed', treeSize: size });
      } catch (error) {
        this.logger.error({
          msg: 'checkpoint not signed; next interval retries',
          error: String(error),
        });
      }
    });
  }
}
