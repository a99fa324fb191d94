import { caseIdOfAccessStream, caseIdOfStream } from '@recourse/domain';
import type { EventStore, From, Position, RecordedEvent } from '@recourse/event-store';
import { positionToString } from '@recourse/event-store';
import { HoldingAuthorities } from './holding-authorities';

export interface AuditEventFilter {
  /** occurredAt at or after */
  from?: Date;
  /** occurredAt before */
  to?: Date;
  authorityId?: string;
  actorId?: string;
  type?: string;
}

/** One event of the audit log, as stored, with its chain hashes and its place in the log. */
export interface AuditEventItem {
  /** the leaf index of the event in the transparency log: its 0-based place in the global order */
  logIndex: number;
  /** every stream is chained alike (genesis hex(SHA-256(stream))): case, access, alert streams */
  stream: string;
  /** the case the stream belongs to: case-<id> and access-<id> streams; null for others */
  caseId: string | null;
  revision: number;
  /** global position: pass it back as `cursor` to read on after this event */
  position: string;
  type: string;
  data: unknown;
  actor: unknown;
  occurredAt: string;
  prevHash: string;
  hash: string;
  /** the authority that held the case when the event happened */
  authorityId: string | null;
}

/** One event read from the log, and its audit item when it matches the filter. */
export interface ScannedEvent {
  position: Position;
  item?: AuditEventItem;
}

const READ_BATCH = 500;

function toItem(
  event: RecordedEvent,
  logIndex: number,
  authorityId: string | undefined,
): AuditEventItem {
  const { actor, occurredAt, prevHash, hash } = event.metadata;
  return {
    logIndex,
    stream: event.stream,
    caseId: caseIdOfStream(event.stream) ?? caseIdOfAccessStream(event.stream) ?? null,
    revision: event.revision,
    position: positionToString(event.position),
    type: event.type,
    data: event.data,
    actor,
    occurredAt,
    prevHash,
    hash,
    authorityId: authorityId ?? null,
  };
}

function matches(filter: AuditEventFilter, item: AuditEventItem): boolean {
  const actorId = (item.actor as { id?: unknown } | null)?.id;
  const at = Date.parse(item.occurredAt);
  return (
    (filter.type === undefined || item.type === filter.type) &&
    (filter.actorId === undefined || actorId === filter.actorId) &&
    (filter.authorityId === undefined || item.authorityId === filter.authorityId) &&
    (filter.from === undefined || at >= filter.from.getTime()) &&
    (filter.to === undefined || at < filter.to.getTime())
  );
}

/**
 * Every event after `from` in global order (case events and every other stream, so that the
 * transparency log's tree can be rebuilt from an export), read from the event store itself, each
 * with its audit item when it matches the filter. `firstLogIndex` is the logIndex of the first
 * event after `from`; the rest count on from it. Ends at the end of the log as it is now.
 */
export async function* scanAuditLog(
  store: EventStore,
  filter: AuditEventFilter,
  from: From,
  firstLogIndex: number,
): AsyncGenerator<ScannedEvent> {
  const holders = new HoldingAuthorities(store);
  let position = from;
  let logIndex = firstLogIndex;
  for (;;) {
    const read = await store.readAll(position, READ_BATCH);
    if (read.length === 0) return;
    await holders.prepare(read.filter((event) => caseIdOfStream(event.stream) !== undefined));
    for (const event of read) {
      const item = toItem(event, logIndex++, holders.holderOf(event));
      yield { position: event.position, item: matches(filter, item) ? item : undefined };
    }
    position = read[read.length - 1].position;
  }
}

/** A page of the audit log. */
export interface AuditEventsPage {
  items: AuditEventItem[];
  /** pass back as `cursor`; null when the end of the log was reached */
  nextCursor: string | null;
}

/**
 * A page scans at most this many events, so a filter that matches rarely answers in bounded
 * time: the page may then hold fewer than `limit` items, even none, with a nextCursor to go on.
 */
export const MAX_SCANNED_PER_PAGE = 10_000;

export async function readAuditPage(
  scan: AsyncGenerator<ScannedEvent>,
  limit: number,
): Promise<AuditEventsPage> {
  const items: AuditEventItem[] = [];
  let scanned = 0;
  for await (const { position, item } of scan) {
    if (item) items.push(item);
    if (items.length === limit || ++scanned === MAX_SCANNED_PER_PAGE) {
      await scan.return(undefined);
      return { items, nextCursor: positionToString(position) };
    }
  }
  return { items, nextCursor: null };
}

/** Only the matching events' items. */
export async function* matchingItems(
  scan: AsyncGenerator<ScannedEvent>,
): AsyncGenerator<AuditEventItem> {
  for await (const { item } of scan) if (item) yield item;
}
