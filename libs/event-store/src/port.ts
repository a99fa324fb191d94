/**
 * The one port every event store adapter implements. Streams are append-only; the global order
 * (`$all`) is total and stable, and a reader never skips an event that commits late.
 */

/** A place in the global order. Both adapters express it as two unsigned integers. */
export interface Position {
  /** PostgreSQL: the appending transaction's id; EventStoreDB: commit position */
  commit: bigint;
  /** PostgreSQL: the row's sequence number; EventStoreDB: prepare position */
  prepare: bigint;
}

export const START = 'start' as const;
export type From = Position | typeof START;

/** exact revision (0-based revision of the last event), `no-stream` or `any` */
export type ExpectedRevision = number | 'no-stream' | 'any';

/** Metadata the store needs to chain the event; any other keys are kept as given. */
export interface EventMetadataIn {
  actor: unknown;
  occurredAt: string;
  [key: string]: unknown;
}

export interface NewEvent {
  /** a UUID; deterministic ids make a retried append a no-op */
  id: string;
  type: string;
  data: unknown;
  metadata: EventMetadataIn;
}

export interface StoredMetadata extends EventMetadataIn {
  prevHash: string;
  hash: string;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  revision: number;
  position: Position;
  type: string;
  data: unknown;
  metadata: StoredMetadata;
}

/** An event's place in the global order and its chain hash: all the transparency log keeps of it. */
export interface ChainLink {
  position: Position;
  hash: string;
}

export interface AppendResult {
  /** revision of the last event now in the stream */
  nextRevision: number;
  /** global position of the last appended event */
  position: Position;
  /**
   * The same events (same ids) were already in the stream, so nothing was written: what is stored
   * is the earlier attempt's events, which may differ from the ones just given (their time, say).
   */
  replayed?: true;
}

export interface SubscribeOptions {
  /** stops the subscription; the iterator then ends */
  signal?: AbortSignal;
}

export interface EventStore {
  appendToStream(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /** every event of the stream in revision order; throws StreamNotFound */
  readStream(stream: string): Promise<RecordedEvent[]>;
  /**
   * readStream of many streams in one go (PostgreSQL: one round trip), each stream's events in
   * the order the streams were given; a stream that does not exist has none
   */
  readStreams(streams: readonly string[]): Promise<RecordedEvent[][]>;
  /** up to `limit` events strictly after `from`, in global order */
  readAll(from: From, limit: number): Promise<RecordedEvent[]>;
  /** catches up from `from` (exclusive), then stays live, one event at a time */
  subscribeToAll(from: From, options?: SubscribeOptions): AsyncIterable<RecordedEvent>;
  /**
   * subscribeToAll for a follower that needs only each event's position and chain hash: in pages
   * (what one read found), without the events' data, which a store may then leave unread.
   */
  subscribeToChain(from: From, options?: SubscribeOptions): AsyncIterable<ChainLink[]>;
  /** throws StoreUnavailable when the store cannot be reached */
  ping(): Promise<void>;
  close(): Promise<void>;
}
