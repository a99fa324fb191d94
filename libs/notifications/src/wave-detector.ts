import { Logger } from '@nestjs/common';
import { deterministicId } from '@recourse/commands';
import type { Sql } from '@recourse/database';
import { alertStreamName, SCHEMA_VERSION, type AppealWaveDetected } from '@recourse/domain';
import {
  comparePositions,
  StreamNotFound,
  WrongExpectedRevision,
  type EventStore,
  type RecordedEvent,
} from '@recourse/event-store';
import { appealWaves, currentPosition, type AppealWaveRule } from '@recourse/read-models';

/** When the rule last held per "authority/decision type", as the notifier's transaction keeps it. */
export type WaveWatch = Map<string, number>;

export const watchKey = (authorityId: string, decisionType: string): string =>
  `${authorityId}\u0000${decisionType}`;

export async function readWaveWatch(db: Sql): Promise<WaveWatch> {
  const { rows } = await db.query<{
    authority_id: string;
    decision_type: string;
    last_held_at: Date | string;
  }>('SELECT authority_id, decision_type, last_held_at FROM appeal_wave_watch');
  return new Map(
    rows.map((row) => [
      watchKey(row.authority_id, row.decision_type),
      new Date(row.last_held_at).getTime(),
    ]),
  );
}

export async function saveWaveWatch(tx: Sql, watch: WaveWatch): Promise<void> {
  if (watch.size === 0) return;
  const rows = [...watch].map(([key, at]) => {
    const [authorityId, decisionType] = key.split('\u0000');
    return { authorityId, decisionType, at: new Date(at).toISOString() };
  });
  await tx.query(
    `INSERT INTO appeal_wave_watch AS w (authority_id, decision_type, last_held_at)
     SELECT "authorityId", "decisionType", at FROM jsonb_to_recordset($1::jsonb)
       AS r("authorityId" text, "decisionType" text, at timestamptz)
     ON CONFLICT (authority_id, decision_type) DO UPDATE
       SET last_held_at = greatest(w.last_held_at, excluded.last_held_at)`,
    [JSON.stringify(rows)],
  );
}

const APPEND_ATTEMPTS = 5;
/** how long a filing waits for the read models to count it before the batch is retried */
const PROJECTION_WAIT_MS = 30_000;
const PROJECTION_POLL_MS = 25;
const SYSTEM_ACTOR = { id: 'system', role: 'system' };

/**
 * Turns appeal filings into AppealWaveDetected facts. At each filing (in log order) it asks the
 * policy's rule about the window ending at that filing; a wave begins when the rule holds and did
 * not hold at any filing within the window before, and lasts while it keeps holding. Only its
 * beginning is recorded. The event id derives from the filing; the append first reads the stream
 * for that id or the same wave recorded from another filing of the burst, under an expected
 * revision, so concurrent workers and restarts record a wave once.
 */
export class WaveDetector {
  private readonly logger = new Logger('WaveDetector');

  constructor(
    private readonly readModels: Sql,
    private readonly store: EventStore,
    private readonly rule: AppealWaveRule,
  ) {}

  /** `watch` is read and updated in place; the caller saves it with its checkpoint. */
  async onFiling(filing: RecordedEvent, watch: WaveWatch): Promise<void> {
    const data = filing.data as {
      kind?: string;
      authorityId?: string;
      decision?: { type?: string };
    };
    const decisionType = data.decision?.type;
    if (data.kind !== 'appeal' || !data.authorityId || !decisionType) return;
    const at = new Date(String(filing.metadata.occurredAt));
    await this.untilProjected(filing);
    const waves = await appealWaves(this.readModels, this.rule, at);
    const wave = waves.find(
      (w) => w.authorityId === data.authorityId && w.decisionType === decisionType,
    );
    if (!wave) return;
    const key = watchKey(data.authorityId, decisionType);
    const lastHeld = watch.get(key);
    watch.set(key, at.getTime());
    if (lastHeld !== undefined && lastHeld >= at.getTime() - this.rule.windowMs) return;
    const { authorityId, from, to, count, baseline, factor } = wave;
    await this.record(filing, {
      type: 'AppealWaveDetected',
      data: { authorityId, decisionType, from, to, count, baseline, factor },
    });
  }

  /** The counting is the read models' (the cases table): wait until they include the filing. */
  private async untilProjected(filing: RecordedEvent): Promise<void> {
    const giveUpAt = Date.now() + PROJECTION_WAIT_MS;
    for (;;) {
      const reached = await currentPosition(this.readModels);
      if (reached && comparePositions(reached, filing.position) >= 0) return;
      if (Date.now() > giveUpAt) {
        throw new Error(`the read models did not reach filing ${filing.id} in time`);
      }
      await new Promise((resolve) => setTimeout(resolve, PROJECTION_POLL_MS));
    }
  }

  /**
   * Whether a recorded fact is this wave: same authority and decision type, its window ending
   * within a window of this one. Another detector (a second worker, or this one before a
   * restart) may have recorded it from another filing of the same burst.
   */
  private sameWave(event: RecordedEvent, fact: AppealWaveDetected): boolean {
    if (event.type !== fact.type) return false;
    const recorded = event.data as AppealWaveDetected['data'];
    return (
      recorded.decisionType === fact.data.decisionType &&
      Date.parse(recorded.to) >= Date.parse(fact.data.to) - this.rule.windowMs
    );
  }

  private async record(filing: RecordedEvent, fact: AppealWaveDetected): Promise<void> {
    const stream = alertStreamName(fact.data.authorityId);
    const id = deterministicId('AppealWaveDetected', filing.id);
    for (let attempt = 1; ; attempt++) {
      const existing = await readOrEmpty(this.store, stream);
      if (existing.some((event) => event.id === id || this.sameWave(event, fact))) return;
      try {
        await this.store.appendToStream(
          stream,
          [
            {
              id,
              type: fact.type,
              data: fact.data,
              metadata: {
                actor: SYSTEM_ACTOR,
                occurredAt: String(filing.metadata.occurredAt),
                correlationId: String(filing.metadata.correlationId ?? filing.id),
                causationId: filing.id,
                schemaVersion: SCHEMA_VERSION,
              },
            },
          ],
          existing.length === 0 ? 'no-stream' : existing[existing.length - 1].revision,
        );
        this.logger.warn({ msg: 'appeal wave detected', stream, ...fact.data });
        return;
      } catch (error) {
        // another worker appended meanwhile (maybe this very fact): look again
        if (!(error instanceof WrongExpectedRevision) || attempt >= APPEND_ATTEMPTS) throw error;
      }
    }
  }
}

async function readOrEmpty(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  try {
    return await store.readStream(stream);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}
