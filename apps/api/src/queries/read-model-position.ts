import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '@recourse/infrastructure';
import type { Database } from '@recourse/database';
import { comparePositions, type Position } from '@recourse/event-store';
import { currentPosition } from '@recourse/read-models';

export const MIN_POSITION_WAIT_MS = 5_000;
const POLL_MS = 20;

/**
 * Read-your-writes for queries: waits until the read models have applied everything up to a
 * position a command answered with.
 */
@Injectable()
export class ReadModelPosition {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Resolves to the read models' watermark once it reaches `wanted`, or the last one seen. */
  async waitFor(
    wanted: Position,
    timeoutMs = MIN_POSITION_WAIT_MS,
  ): Promise<{ reached: boolean; position: Position | null }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const position = await currentPosition(this.db);
      if (position && comparePositions(position, wanted) >= 0) return { reached: true, position };
      if (Date.now() >= deadline) return { reached: false, position };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
