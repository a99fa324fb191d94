import type { CaseEscalated, CaseFiled } from '@recourse/domain';
import type { EventStore, RecordedEvent } from '@recourse/event-store';
import { forEachLimited } from '@recourse/infrastructure';

const STREAM_READ_CONCURRENCY = 8;

/** The authority holding the case after `event`, given the one holding it before. */
function holderAfter(before: string | undefined, event: RecordedEvent): string | undefined {
  if (event.type === 'CaseFiled') return (event.data as CaseFiled['data']).authorityId;
  if (event.type === 'CaseEscalated') return (event.data as CaseEscalated['data']).toAuthorityId;
  return before;
}

/**
 * Which authority held each case when each of its events happened, folded from the events
 * themselves as they pass in global order: CaseFiled names the first authority, CaseEscalated
 * moves the case to the next. An event belongs to the authority holding the case when it
 * happened, so CaseEscalated belongs to the one the case left. A stream met in the middle (a page
 * that starts at a cursor) is read from its start once, to learn who held it then.
 */
export class HoldingAuthorities {
  /** stream → the authority holding it after the last event seen */
  private readonly holders = new Map<string, string | undefined>();

  constructor(private readonly store: EventStore) {}

  /** Call once per batch, in global order, before holderOf: reads streams met midway. */
  async prepare(batch: readonly RecordedEvent[]): Promise<void> {
    const midway = new Map<string, number>();
    for (const event of batch) {
      if (!this.holders.has(event.stream) && !midway.has(event.stream) && event.revision > 0) {
        midway.set(event.stream, event.revision);
      }
    }
    await forEachLimited([...midway], STREAM_READ_CONCURRENCY, async ([stream, revision]) => {
      const earlier = (await this.store.readStream(stream)).filter((e) => e.revision < revision);
      this.holders.set(stream, earlier.reduce(holderAfter, undefined));
    });
  }

  /** The authority holding the case when `event` happened; then moves past it. */
  holderOf(event: RecordedEvent): string | undefined {
    const holder =
      event.type === 'CaseFiled'
        ? (event.data as CaseFiled['data']).authorityId
        : this.holders.get(event.stream);
    this.holders.set(event.stream, holderAfter(holder, event));
    return holder;
  }
}
