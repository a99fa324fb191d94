import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { comparePositions, type Position } from '@recourse/event-store';
import { currentPosition, readModelsChannel } from '@recourse/read-models';

export const MIN_POSITION_WAIT_MS = 5_000;
/** safety net behind the notifications (one can be lost while the listener reconnects) */
const RECHECK_MS = 1_000;

/**
 * Read-your-writes for queries: waits until the read models have applied everything up to a
 * position a command answered with. It listens for the projections' "applied" notifications
 * (LISTEN on one connection for the whole process) and reads the watermark again only when one
 * arrives, rather than polling the database.
 */
@Injectable()
export class ReadModelPosition implements OnModuleDestroy {
  private readonly logger = new Logger(ReadModelPosition.name);
  private readonly waiters = new Set<() => void>();
  private listening?: Promise<(() => Promise<void>) | undefined>;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Resolves to the read models' watermark once it reaches `wanted`, or the last one seen. */
  async waitFor(
    wanted: Position,
    timeoutMs = MIN_POSITION_WAIT_MS,
  ): Promise<{ reached: boolean; position: Position | null }> {
    const deadline = Date.now() + timeoutMs;
    let wake = () => undefined as void;
    let applied = false;
    const waiter = () => {
      applied = true;
      wake();
    };
    this.waiters.add(waiter);
    try {
      await this.listen();
      for (;;) {
        applied = false;
        const position = await currentPosition(this.db);
        if (position && comparePositions(position, wanted) >= 0) return { reached: true, position };
        const left = deadline - Date.now();
        if (left <= 0) return { reached: false, position };
        // a batch applied while we were reading: read again at once
        if (applied) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, RECHECK_MS));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } finally {
      this.waiters.delete(waiter);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const stop = await this.listening;
    await stop?.();
  }

  private listen(): Promise<unknown> {
    this.listening ??= readModelsChannel(this.db)
      .then((channel) =>
        this.db.listen(channel, () => {
          for (const waiter of this.waiters) waiter();
        }),
      )
      .catch((error: unknown) => {
        // without notifications the re-check every second still answers; try again next time
        this.logger.warn({ msg: 'cannot listen for read-model progress', error: String(error) });
        this.listening = undefined;
        return undefined;
      });
    return this.listening;
  }
}
