import {
  AppendStreamState,
  BACKWARDS,
  END,
  ErrorType,
  excludeSystemEvents,
  FORWARDS,
  isCommandError,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  ResolvedEvent,
  AllStreamResolvedEvent,
  START as KURRENT_START,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client';
import { chainHash, genesisHash } from '../chain';
import {
  AppendTooLarge,
  StreamDeleted,
  StreamNotFound,
  StreamTruncated,
  WrongExpectedRevision,
} from '../errors';
import { unavailable } from '../store-unavailable';
import { untilClosed } from '../until-closed';
import { comparePositions } from '../position';
import {
  AppendResult,
  ChainLink,
  EventStore,
  ExpectedRevision,
  From,
  NewEvent,
  Position,
  RecordedEvent,
  START,
  StoredMetadata,
  SubscribeOptions,
} from '../port';
import { pause } from '../wakeup';

type KurrentRecorded = NonNullable<ResolvedEvent['event']>;
/** the last event of a stream as far as chaining goes; revision -1 = no stream */
interface Head {
  revision: number;
  hash: string;
  position?: Position;
}

const NO_HEAD: Head = { revision: -1, hash: '' };
const MAX_APPEND_ATTEMPTS = 20;
const RESUBSCRIBE_MIN_MS = 100;
const RESUBSCRIBE_MAX_MS = 10_000;
/** a read is tried this often, backing off, before the store counts as unavailable */
const READ_ATTEMPTS = 3;
const READ_RETRY_MS = 100;
/**
 * After this many unavailable reads in a row the client is replaced: its native read path never
 * reconnects once its first connection failed.
 */
const RECREATE_AFTER_FAILURES = 3;
const TOO_LARGE_TYPES = new Set<string>([
  ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED,
  ErrorType.APPEND_RECORD_SIZE_EXCEEDED,
  ErrorType.TRANSACTION_MAX_SIZE_EXCEEDED,
]);
const UNAVAILABLE_TYPES = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
  ErrorType.CANCELLED,
]);

/**
 * The production event store: EventStoreDB/KurrentDB through the official client. The server keeps
 * the global order and the optimistic concurrency; this adapter adds the hash chain, which needs the
 * previous event's hash, so every append states the exact revision it chains onto.
 */
export class KurrentEventStore implements EventStore {
  private readonly closing = new AbortController();
  private client: KurrentDBClient;
  private unavailableReads = 0;

  /** `createClient` is called once, and again whenever a client keeps failing to read */
  constructor(private readonly createClient: () => KurrentDBClient) {
    this.client = createClient();
  }

  /** `kurrentdb://host:2113?tls=false` (or `esdb://…`) */
  static connect(connectionString: string): KurrentEventStore {
    return new KurrentEventStore(() => KurrentDBClient.connectionString(connectionString));
  }

  async appendToStream(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${stream}: no events given`);
    try {
      for (let attempt = 1; ; attempt++) {
        const head = await this.headToChainOnto(stream, events, expected);
        if ('replayed' in head) return head.replayed;
        try {
          return await this.appendChained(stream, events, head);
        } catch (error) {
          // 'any': someone appended since we read the head; chain onto theirs
          if (
            expected !== 'any' ||
            !isWrongExpectedVersion(error) ||
            attempt >= MAX_APPEND_ATTEMPTS
          )
            throw error;
        }
      }
    } catch (error) {
      throw mapError(error, stream, expected);
    }
  }

  async readStream(stream: string): Promise<RecordedEvent[]> {
    try {
      const events = await this.read(stream, {
        direction: FORWARDS,
        fromRevision: KURRENT_START,
        maxCount: Number.MAX_SAFE_INTEGER,
      });
      if (events.length === 0) throw new StreamNotFound(stream);
      if (events[0].revision > 0) throw new StreamTruncated(stream, events[0].revision);
      return events;
    } catch (error) {
      throw mapError(error, stream);
    }
  }

  /** one read per stream (KurrentDB has no read of many streams), side by side */
  readStreams(streams: readonly string[]): Promise<RecordedEvent[][]> {
    return Promise.all(
      streams.map((stream) =>
        this.readStream(stream).catch((error: unknown) => {
          if (error instanceof StreamNotFound) return [];
          throw error;
        }),
      ),
    );
  }

  async readAll(from: From, limit: number): Promise<RecordedEvent[]> {
    try {
      return await this.retryingRead(async (client) => {
        const events: RecordedEvent[] = [];
        // the server starts a read at `from` itself (inclusive); the port wants what comes after it
        const reading = client.readAll({
          fromPosition: from === START ? KURRENT_START : from,
          direction: FORWARDS,
          maxCount: limit + 1,
          filter: excludeSystemEvents(),
        });
        for await (const resolved of reading) {
          const event = fromAll(resolved);
          if (!event || (from !== START && comparePositions(event.position, from) <= 0)) continue;
          events.push(event);
          if (events.length === limit) break;
        }
        return events;
      });
    } catch (error) {
      throw mapError(error, '$all');
    }
  }

  subscribeToAll(from: From, options: SubscribeOptions = {}): AsyncIterable<RecordedEvent> {
    return this.subscribe(from, untilClosed(this.closing.signal, options.signal));
  }

  /** the full subscription, one event a page: a lean read would save KurrentDB little */
  async *subscribeToChain(from: From, options: SubscribeOptions = {}): AsyncIterable<ChainLink[]> {
    for await (const event of this.subscribeToAll(from, options)) {
      yield [{ position: event.position, hash: event.metadata.hash }];
    }
  }

  async ping(): Promise<void> {
    const client = this.client;
    try {
      for await (const _ of client.readAll({
        fromPosition: END,
        direction: BACKWARDS,
        maxCount: 1,
      }))
        break;
      this.unavailableReads = 0;
    } catch (error) {
      if (isUnavailable(error)) this.countUnavailableRead(client);
      throw unavailable(error);
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.client.dispose();
  }

  /**
   * A catch-up subscription consumed with `for await` (back-pressure, no concurrent handlers). When
   * it fails it is opened again from the last event handed out, backing off, until `signal` aborts.
   */
  private async *subscribe(from: From, signal: AbortSignal): AsyncGenerator<RecordedEvent> {
    let position = from;
    let backoffMs = RESUBSCRIBE_MIN_MS;
    while (!signal.aborted) {
      const subscription = this.client.subscribeToAll({
        fromPosition: position === START ? KURRENT_START : position,
        filter: excludeSystemEvents(),
      });
      const stop = (): void => void subscription.unsubscribe().catch(() => undefined);
      signal.addEventListener('abort', stop, { once: true });
      try {
        for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
          const event = fromAll(resolved);
          // a resubscription must not hand out again what was already handed out
          if (!event || (position !== START && comparePositions(event.position, position) <= 0))
            continue;
          yield event;
          position = event.position;
          backoffMs = RESUBSCRIBE_MIN_MS;
        }
      } catch (error) {
        if (signal.aborted) return;
        if (!isUnavailable(error) && !isSubscriptionDropped(error)) throw mapError(error, '$all');
      } finally {
        signal.removeEventListener('abort', stop);
        await subscription.unsubscribe().catch(() => undefined);
      }
      // ended (normally or not) without being asked to: open it again, never in a tight loop
      await pause(withJitter(backoffMs), signal);
      backoffMs = Math.min(backoffMs * 2, RESUBSCRIBE_MAX_MS);
    }
  }

  /**
   * The event the new ones chain onto, at the caller's expected revision; or, when the stream
   * already ends with these very events, the answer of that earlier append.
   */
  private async headToChainOnto(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<Head | { replayed: AppendResult }> {
    if (expected === 'no-stream') {
      const replayed = await this.replayFrom(stream, events, 0n);
      return replayed ? { replayed } : NO_HEAD;
    }
    // newest first
    const last = await this.readBackwards(stream, events.length);
    if (expected === 'any') {
      const tail = last.slice(0, events.length).reverse();
      if (tail.length === events.length && tail.every((event, i) => event.id === events[i].id)) {
        const final = tail[tail.length - 1];
        return {
          replayed: { nextRevision: final.revision, position: final.position, replayed: true },
        };
      }
      return last[0] ? toHead(last[0]) : NO_HEAD;
    }
    if (!last[0] || last[0].revision < expected) {
      throw new WrongExpectedRevision(stream, expected, last[0] ? last[0].revision : 'no-stream');
    }
    if (last[0].revision === expected) return toHead(last[0]);
    // the stream has moved on: perhaps past these very events (an earlier attempt's answer lost)
    const replayed = await this.replayFrom(stream, events, BigInt(expected) + 1n);
    if (replayed) return { replayed };
    // if not, chain onto the expected event anyway and let the server refuse the stale revision
    const [atExpected] = await this.readForwards(stream, BigInt(expected), 1);
    return toHead(atExpected);
  }

  /** The answer of an earlier append of these very events (same ids) stored from `revision` on. */
  private async replayFrom(
    stream: string,
    events: NewEvent[],
    revision: bigint,
  ): Promise<AppendResult | undefined> {
    const stored = await this.readForwards(stream, revision, events.length);
    const same =
      stored.length === events.length && stored.every((event, i) => event.id === events[i].id);
    if (!same) return undefined;
    const final = stored[stored.length - 1];
    return { nextRevision: final.revision, position: final.position, replayed: true };
  }

  private async appendChained(
    stream: string,
    events: NewEvent[],
    head: Head,
  ): Promise<AppendResult> {
    let prevHash = head.revision < 0 ? genesisHash(stream) : head.hash;
    const chained = events.map((event, index) => {
      const revision = head.revision + 1 + index;
      const { data, metadata } = JSON.parse(
        JSON.stringify({ data: event.data, metadata: event.metadata }),
      ) as {
        data: Record<string, unknown>;
        metadata: NewEvent['metadata'];
      };
      const hash = chainHash(prevHash, {
        type: event.type,
        data,
        actor: metadata.actor,
        occurredAt: metadata.occurredAt,
        revision,
      });
      const stored: StoredMetadata = { ...metadata, prevHash, hash };
      prevHash = hash;
      return jsonEvent({ id: event.id, type: event.type, data, metadata: stored });
    });
    const streamState: AppendStreamState = head.revision < 0 ? NO_STREAM : BigInt(head.revision);
    let result: Awaited<ReturnType<KurrentDBClient['appendToStream']>>;
    try {
      result = await this.client.appendToStream(stream, chained, { streamState });
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      return this.settleAppend(stream, events, head, error);
    }
    const nextRevision = Number(result.nextExpectedRevision);
    // an append answered by idempotence may come back without a position: read it
    const position =
      result.position ??
      (await this.readForwards(stream, result.nextExpectedRevision, 1))[0].position;
    return { nextRevision, position };
  }

  /**
   * An append that timed out or lost its connection may have committed. The events' ids say: when
   * they follow the head they chained onto, the append happened and this is its answer; otherwise
   * it did not, and the caller may retry it (the same ids make a late commit harmless then too).
   */
  private async settleAppend(
    stream: string,
    events: NewEvent[],
    head: Head,
    error: unknown,
  ): Promise<AppendResult> {
    const stored = await this.replayFrom(stream, events, BigInt(head.revision + 1));
    if (!stored) throw unavailable(error);
    return { nextRevision: stored.nextRevision, position: stored.position };
  }

  private async readBackwards(stream: string, count: number): Promise<RecordedEvent[]> {
    return this.read(stream, { direction: BACKWARDS, fromRevision: END, maxCount: count });
  }

  private async readForwards(
    stream: string,
    fromRevision: bigint,
    count: number,
  ): Promise<RecordedEvent[]> {
    return this.read(stream, { direction: FORWARDS, fromRevision, maxCount: count });
  }

  private async read(
    stream: string,
    options: {
      direction: typeof FORWARDS | typeof BACKWARDS;
      fromRevision: bigint | typeof END | typeof KURRENT_START;
      maxCount: number;
    },
  ): Promise<RecordedEvent[]> {
    try {
      return await this.retryingRead(async (client) => {
        const events: RecordedEvent[] = [];
        for await (const resolved of client.readStream(stream, options)) {
          if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
        }
        return events;
      });
    } catch (error) {
      if (
        isCommandError(error as Error) &&
        (error as { type: string }).type === ErrorType.STREAM_NOT_FOUND
      )
        return [];
      throw error;
    }
  }

  /** a read, tried again with backoff while the store is unavailable, on a fresh client if need be */
  private async retryingRead<T>(read: (client: KurrentDBClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = this.client;
      try {
        const result = await read(client);
        this.unavailableReads = 0;
        return result;
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        this.countUnavailableRead(client);
        if (attempt >= READ_ATTEMPTS || this.closing.signal.aborted) throw error;
        await pause(withJitter(READ_RETRY_MS * 2 ** (attempt - 1)), this.closing.signal);
      }
    }
  }

  private countUnavailableRead(failed: KurrentDBClient): void {
    if (failed !== this.client || ++this.unavailableReads < RECREATE_AFTER_FAILURES) return;
    this.unavailableReads = 0;
    this.client = this.createClient();
    void failed.dispose().catch(() => undefined);
  }
}

function toHead(event: RecordedEvent): Head {
  return { revision: event.revision, hash: event.metadata.hash, position: event.position };
}

function fromAll(resolved: AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$') || !event.isJson) return undefined;
  return toRecordedEvent(event, resolved.commitPosition);
}

function toRecordedEvent(event: KurrentRecorded, commitPosition?: bigint): RecordedEvent {
  // stream reads may carry only the commit position (older servers): it orders just as well
  const position = event.position ?? {
    commit: commitPosition ?? 0n,
    prepare: commitPosition ?? 0n,
  };
  return {
    id: event.id,
    stream: event.streamId,
    revision: Number(event.revision),
    position,
    type: event.type,
    data: event.data,
    metadata: event.metadata as StoredMetadata,
  };
}

function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (
    error instanceof Error &&
    isCommandError(error) &&
    error.type === ErrorType.WRONG_EXPECTED_VERSION
  );
}

function isUnavailable(error: unknown): boolean {
  return error instanceof Error && isCommandError(error) && UNAVAILABLE_TYPES.has(error.type);
}

/** between half and all of `ms`, so that many clients do not come back in step */
function withJitter(ms: number): number {
  return ms / 2 + (Math.random() * ms) / 2;
}

function isSubscriptionDropped(error: unknown): boolean {
  return (
    error instanceof Error &&
    /subscription.*(dropped|closed)|stream.*(reset|closed)/i.test(error.message)
  );
}

function mapError(error: unknown, stream: string, expected: ExpectedRevision = 'any'): unknown {
  if (
    error instanceof WrongExpectedRevision ||
    error instanceof StreamNotFound ||
    error instanceof StreamTruncated
  )
    return error;
  if (error instanceof Error && isCommandError(error)) {
    if (error.type === ErrorType.STREAM_DELETED || error.type === ErrorType.STREAM_TOMBSTONED)
      return new StreamDeleted(stream);
    if (TOO_LARGE_TYPES.has(error.type)) return new AppendTooLarge(stream, { cause: error });
  }
  if (isWrongExpectedVersion(error)) {
    const actual =
      typeof error.actualState === 'bigint' && error.actualState >= 0n
        ? Number(error.actualState)
        : 'no-stream';
    return new WrongExpectedRevision(stream, expected, actual);
  }
  if (
    error instanceof Error &&
    isCommandError(error) &&
    error.type === ErrorType.STREAM_NOT_FOUND
  ) {
    return new StreamNotFound(stream);
  }
  if (isUnavailable(error)) {
    return unavailable(error);
  }
  return error;
}
