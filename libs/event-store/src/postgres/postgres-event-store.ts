import { Database, migrate, Sql } from '@recourse/database';
import { chainHash, genesisHash } from '../chain';
import { StoreUnavailable, StreamNotFound, WrongExpectedRevision } from '../errors';
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
import { asStoreError, unavailable } from '../store-unavailable';
import { untilClosed } from '../until-closed';
import { pause, Wakeup } from '../wakeup';
import { HeadCache, StreamHead } from './head-cache';
import {
  AppendedRow,
  ChainRow,
  EVENT_ID_CONSTRAINT,
  EventRow,
  eventStoreMigrations,
  FIND_EVENT_STREAM,
  INSERT_EVENTS,
  INSERT_EVENTS_AND_NOTIFY,
  INSERT_NEW_STREAMS,
  NOTIFY,
  READ_ALL,
  READ_CHAIN,
  READ_FROM_EVENT_ID,
  READ_HEAD,
  READ_STREAM,
  READ_STREAMS,
  STREAM_REVISION_CONSTRAINT,
} from './schema';

const NO_STREAM: StreamHead = { revision: -1, hash: '' };
const SUBSCRIPTION_PAGE = 500;
/** chain links are small: a follower of the chain gets them a thousand a read */
const CHAIN_PAGE = 1_000;
/** safety net behind NOTIFY: a wake-up can be lost (listener reconnecting) or come too early */
const SUBSCRIPTION_POLL_MS = 1_000;
const HELD_BACK_FIRST_RETRY_MS = 5;
const SUBSCRIPTION_RETRY_MAX_MS = 5_000;
/** an 'any' append retries this often when other writers keep getting in first */
const MAX_APPEND_ATTEMPTS = 20;
/** appends committed within this window share one NOTIFY */
const NOTIFY_COALESCE_MS = 5;

export interface PostgresEventStoreOptions {
  /** streams whose head is remembered between appends (default 10 000) */
  headCacheSize?: number;
  subscriptionPollMs?: number;
}

/**
 * The event store on PostgreSQL (a `pg` pool or PGlite, through the Database seam). Appending is
 * one INSERT statement chained onto the stream's head; global reads are ordered by
 * (transaction id, position) and stop below the oldest running transaction.
 */
export class PostgresEventStore implements EventStore {
  private readonly heads: HeadCache;
  private readonly closing = new AbortController();
  /** the NOTIFY scheduled or in flight */
  private notifying: Promise<void> | undefined;
  /** a NOTIFY is scheduled and not sent yet: it covers appends committed until then */
  private notifyScheduled = false;

  private constructor(
    private readonly db: Database,
    private readonly channel: string,
    private readonly options: PostgresEventStoreOptions,
  ) {
    this.heads = new HeadCache(options.headCacheSize ?? 10_000);
  }

  /** runs the store's migrations; the store does not own `db` and never closes it */
  static async create(
    db: Database,
    options: PostgresEventStoreOptions = {},
  ): Promise<PostgresEventStore> {
    await migrate(db, 'event-store', eventStoreMigrations);
    const { rows } = await db.query<{ schema: string }>('SELECT current_schema() AS schema', []);
    // NOTIFY is server-wide: one channel per schema keeps stores that share a server apart
    const channel = `event_store_${rows[0].schema.replace(/\W/g, '_')}`.slice(0, 63);
    return new PostgresEventStore(db, channel, options);
  }

  async appendToStream(
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    try {
      return await this.append(this.db, stream, events, expected, true);
    } catch (error) {
      throw asStoreError(error, `appending to ${stream}`);
    }
  }

  /**
   * Appends inside the caller's transaction (e.g. with rows that must commit together with the
   * events). The events become visible, and subscribers are notified, when that transaction commits.
   * A conflict is contained by a savepoint, so the transaction stays usable after WrongExpectedRevision.
   */
  async appendToStreamIn(
    tx: Sql,
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    try {
      return await this.append(tx, stream, events, expected, false);
    } catch (error) {
      throw asStoreError(error, `appending to ${stream}`);
    }
  }

  /**
   * Appends the events of many streams that do not exist yet in one statement (imports, seeding
   * at scale): each stream is chained from its genesis as appendToStream would, and the whole
   * batch is refused (WrongExpectedRevision) if any of them exists.
   */
  async appendNewStreams(streams: { stream: string; events: NewEvent[] }[]): Promise<void> {
    const rows = streams.flatMap(({ stream, events }) =>
      chainEvents(stream, events, NO_STREAM).map((row) => ({ ...row, stream })),
    );
    if (rows.length === 0) return;
    try {
      await this.db.query(INSERT_NEW_STREAMS, [JSON.stringify(rows)]);
    } catch (error) {
      if ((error as { constraint?: string }).constraint === STREAM_REVISION_CONSTRAINT) {
        throw new WrongExpectedRevision('(one of the new streams)', 'no-stream', 0);
      }
      throw asStoreError(error, `appending ${streams.length} new streams`);
    }
    this.announce();
  }

  async readStream(stream: string): Promise<RecordedEvent[]> {
    let rows: EventRow[];
    try {
      rows = (
        await this.db.query<EventRow>(READ_STREAM, [stream], { prepare: 'event_store_read_stream' })
      ).rows;
    } catch (error) {
      throw asStoreError(error, `reading ${stream}`);
    }
    if (rows.length === 0) throw new StreamNotFound(stream);
    const last = rows[rows.length - 1];
    this.heads.remember(stream, { revision: last.revision, hash: String(last.metadata.hash) });
    return rows.map(toRecordedEvent);
  }

  async readStreams(streams: readonly string[]): Promise<RecordedEvent[][]> {
    if (streams.length === 0) return [];
    let rows: EventRow[];
    try {
      rows = (
        await this.db.query<EventRow>(READ_STREAMS, [streams], {
          prepare: 'event_store_read_streams',
        })
      ).rows;
    } catch (error) {
      throw asStoreError(error, `reading ${streams.length} streams`);
    }
    const byStream = new Map<string, RecordedEvent[]>();
    for (const row of rows) {
      const events = byStream.get(row.stream) ?? [];
      events.push(toRecordedEvent(row));
      byStream.set(row.stream, events);
    }
    return streams.map((stream) => byStream.get(stream) ?? []);
  }

  async readAll(from: From, limit: number): Promise<RecordedEvent[]> {
    const rows = await this.readAfter<EventRow>(READ_ALL, 'event_store_read_all', from, limit);
    return rows.map(toRecordedEvent);
  }

  /** readAll without the events' data: PostgreSQL neither sends nor parses their JSON */
  private async readChain(from: From, limit: number): Promise<ChainLink[]> {
    const rows = await this.readAfter<ChainRow>(READ_CHAIN, 'event_store_read_chain', from, limit);
    return rows.map((row) => ({ position: toPosition(row), hash: row.hash }));
  }

  private async readAfter<Row>(text: string, name: string, from: From, limit: number) {
    const after = from === START ? { commit: 0n, prepare: 0n } : from;
    // no row's bigint global_position lies beyond its maximum: after it is after anything larger
    const prepare = after.prepare > MAX_BIGINT ? MAX_BIGINT : after.prepare;
    try {
      const { rows } = await this.db.query<Row>(
        text,
        [after.commit.toString(), prepare.toString(), limit],
        { prepare: name },
      );
      return rows;
    } catch (error) {
      throw asStoreError(error, 'reading all events');
    }
  }

  async *subscribeToAll(from: From, options: SubscribeOptions = {}): AsyncGenerator<RecordedEvent> {
    const signal = untilClosed(this.closing.signal, options.signal);
    const pages = this.subscribe(from, signal, (a, n) => this.readAll(a, n), SUBSCRIPTION_PAGE);
    for await (const page of pages) {
      for (const event of page) {
        if (signal.aborted) return;
        yield event;
      }
    }
  }

  subscribeToChain(from: From, options: SubscribeOptions = {}): AsyncIterable<ChainLink[]> {
    const signal = untilClosed(this.closing.signal, options.signal);
    return this.subscribe(from, signal, (a, n) => this.readChain(a, n), CHAIN_PAGE);
  }

  async ping(): Promise<void> {
    try {
      await this.db.query('SELECT 1', []);
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** ends every subscription; the Database belongs to whoever opened it */
  async close(): Promise<void> {
    this.closing.abort();
    await this.notifying;
  }

  /**
   * Wakes subscribers (in every process) after an append committed. NOTIFYs are coalesced: the
   * first append schedules one NOTIFY_COALESCE_MS later (after the one in flight, if any), and
   * every append that commits until it is sent is covered by it. Under load that is one round
   * trip per window instead of one per append, for a few ms of subscriber latency.
   */
  private announce(): void {
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    const sent: Promise<void> = (this.notifying ?? Promise.resolve())
      .then(() => pause(NOTIFY_COALESCE_MS))
      .then(() => {
        this.notifyScheduled = false;
        if (this.closing.signal.aborted) return;
        return this.db.query(NOTIFY, [this.channel], { prepare: 'event_store_notify' });
      })
      .then(
        () => undefined,
        // a lost wake-up only delays subscribers until their next poll
        () => undefined,
      )
      .finally(() => {
        if (this.notifying === sent) this.notifying = undefined;
      });
    this.notifying = sent;
  }

  /**
   * Catches up from `from` in pages of `read`, then stays live: a short page means the reader is
   * up to date, so the next read waits for a wake-up (or the poll).
   */
  private async *subscribe<T extends { position: Position }>(
    from: From,
    signal: AbortSignal,
    read: (after: From, limit: number) => Promise<T[]>,
    pageSize: number,
  ): AsyncGenerator<T[]> {
    const wakeup = new Wakeup();
    const pollMs = this.options.subscriptionPollMs ?? SUBSCRIPTION_POLL_MS;
    let stopListening: (() => Promise<void>) | undefined;
    let position = from;
    let retryMs = 100;
    // After a wake-up whose event is not visible yet (an older transaction holds the snapshot
    // xmin back), read again soon, backing off towards the poll, instead of waiting a whole poll.
    let heldBackMs = 0;
    try {
      while (!signal.aborted) {
        let page: T[];
        try {
          // listening before reading: an append that commits during the read still wakes us
          stopListening ??= await this.db.listen(this.channel, () => wakeup.wake());
          page = await read(position, pageSize);
          retryMs = 100;
        } catch (error) {
          if (!(asStoreError(error, '') instanceof StoreUnavailable)) throw error;
          // the store is down: keep the subscription and try again, backing off
          await pause(retryMs, signal);
          retryMs = Math.min(retryMs * 2, SUBSCRIPTION_RETRY_MAX_MS);
          continue;
        }
        if (page.length > 0) {
          if (signal.aborted) return;
          yield page;
          position = page[page.length - 1].position;
        }
        if (page.length === 0 && heldBackMs > 0) {
          await wakeup.wait(heldBackMs, signal);
          heldBackMs = heldBackMs * 2 < pollMs ? heldBackMs * 2 : 0;
        } else if (page.length < pageSize) {
          heldBackMs = (await wakeup.wait(pollMs, signal)) ? HELD_BACK_FIRST_RETRY_MS : 0;
        }
      }
    } finally {
      await stopListening?.().catch(() => undefined);
    }
  }

  private async append(
    sql: Sql,
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    autocommit: boolean,
  ): Promise<AppendResult> {
    if (events.length === 0) throw new Error(`append to ${stream}: no events given`);
    // a head from the cache can be stale; the insert then finds nothing to chain onto and we read
    let useCache = autocommit;
    for (let attempt = 1; ; attempt++) {
      const head = await this.headFor(sql, stream, expected, useCache);
      if (typeof expected === 'number' && head.revision !== expected) {
        return this.refuse(sql, stream, events, expected, head);
      }
      const chained = chainEvents(stream, events, head);
      const outcome = await this.insert(sql, stream, head, chained, autocommit);
      if (outcome.kind === 'appended') {
        const last = chained[chained.length - 1];
        if (autocommit)
          this.heads.remember(stream, { revision: last.revision, hash: last.metadata.hash });
        return { nextRevision: outcome.row.revision, position: toPosition(outcome.row) };
      }
      this.heads.forget(stream);
      const stale = outcome.kind === 'head-moved' && useCache;
      useCache = false;
      if (stale) continue;
      if (
        outcome.kind === 'event-id-taken' ||
        expected !== 'any' ||
        attempt >= MAX_APPEND_ATTEMPTS
      ) {
        return this.refuse(sql, stream, events, expected, await readHead(sql, stream));
      }
      // 'any': another writer got in first; chain onto its events
      const replay = await this.earlierAppend(sql, stream, events);
      if (replay) return replay;
    }
  }

  private async headFor(
    sql: Sql,
    stream: string,
    expected: ExpectedRevision,
    useCache: boolean,
  ): Promise<StreamHead> {
    if (expected === 'no-stream') return NO_STREAM;
    const cached = useCache ? this.heads.get(stream) : undefined;
    if (cached && (expected === 'any' || cached.revision === expected)) return cached;
    return readHead(sql, stream);
  }

  /**
   * One statement; inside a caller's transaction it runs under a savepoint, so that a unique
   * violation does not abort the caller's transaction.
   */
  private async insert(
    sql: Sql,
    stream: string,
    head: StreamHead,
    chained: ChainedRow[],
    autocommit: boolean,
  ): Promise<
    | { kind: 'appended'; row: AppendedRow }
    | { kind: 'head-moved' }
    | { kind: 'conflict' }
    | { kind: 'event-id-taken' }
  > {
    // PGlite has one connection, so nothing waits on NOTIFY's lock there: notifying in the statement
    // saves a second statement; PostgreSQL notifies after the commit (see announce)
    const notifyInStatement = !autocommit || this.db.kind === 'pglite';
    const params = [stream, head.revision, JSON.stringify(chained)];
    if (notifyInStatement) params.push(this.channel);
    if (!autocommit) await sql.query('SAVEPOINT event_store_append', []);
    try {
      const { rows } = await sql.query<AppendedRow>(
        notifyInStatement ? INSERT_EVENTS_AND_NOTIFY : INSERT_EVENTS,
        params,
        { prepare: notifyInStatement ? 'event_store_append_notify' : 'event_store_append' },
      );
      if (!autocommit) await sql.query('RELEASE SAVEPOINT event_store_append', []);
      if (rows.length === 0) return { kind: 'head-moved' };
      if (!notifyInStatement) this.announce();
      return { kind: 'appended', row: rows[0] };
    } catch (error) {
      const { code, constraint, message } = error as {
        code?: string;
        constraint?: string;
        message?: string;
      };
      if (code !== '23505') throw error;
      if (!autocommit) await sql.query('ROLLBACK TO SAVEPOINT event_store_append', []);
      // PGlite reports no constraint field, only the message
      const byEventId =
        constraint === EVENT_ID_CONSTRAINT || (message ?? '').includes(EVENT_ID_CONSTRAINT);
      return { kind: byEventId ? 'event-id-taken' : 'conflict' };
    }
  }

  /** the answer when the stream is not where the caller expected: a retry's first answer, or a refusal */
  private async refuse(
    sql: Sql,
    stream: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    head: StreamHead,
  ): Promise<AppendResult> {
    const replay = await this.earlierAppend(sql, stream, events);
    if (replay) return replay;
    const { rows } = await sql.query<{ stream: string }>(FIND_EVENT_STREAM, [events[0].id]);
    if (rows.length > 0 && (rows[0].stream !== stream || expected === 'any')) {
      throw new Error(
        `append to ${stream}: event id ${events[0].id} is already used in ${rows[0].stream}`,
      );
    }
    throw new WrongExpectedRevision(
      stream,
      expected,
      head.revision < 0 ? 'no-stream' : head.revision,
    );
  }

  /**
   * The same events (same ids, same order) already in the stream, at whatever revision: an append
   * repeated after its answer was lost, perhaps after others appended meanwhile.
   */
  private async earlierAppend(
    sql: Sql,
    stream: string,
    events: NewEvent[],
  ): Promise<AppendResult | undefined> {
    const { rows } = await sql.query<AppendedRow>(READ_FROM_EVENT_ID, [
      stream,
      events[0].id,
      events.length,
    ]);
    const sameEvents =
      rows.length === events.length &&
      rows.every((row, i) => row.id === events[i].id.toLowerCase());
    if (!sameEvents) return undefined;
    const last = rows[rows.length - 1];
    return { nextRevision: last.revision, position: toPosition(last), replayed: true };
  }
}

interface ChainedRow {
  revision: number;
  id: string;
  type: string;
  data: unknown;
  metadata: StoredMetadata;
}

function chainEvents(stream: string, events: NewEvent[], head: StreamHead): ChainedRow[] {
  let prevHash = head.revision < 0 ? genesisHash(stream) : head.hash;
  return events.map((event, index) => {
    const revision = head.revision + 1 + index;
    // hash exactly what the database will hand back: the JSON form (undefined dropped, dates as text)
    const { data, metadata } = JSON.parse(
      JSON.stringify({ data: event.data, metadata: event.metadata }),
    ) as {
      data: unknown;
      metadata: NewEvent['metadata'];
    };
    const hash = chainHash(prevHash, {
      type: event.type,
      data,
      actor: metadata.actor,
      occurredAt: metadata.occurredAt,
      revision,
    });
    const row = {
      revision,
      id: event.id,
      type: event.type,
      data,
      metadata: { ...metadata, prevHash, hash },
    };
    prevHash = hash;
    return row;
  });
}

async function readHead(sql: Sql, stream: string): Promise<StreamHead> {
  const { rows } = await sql.query<StreamHead>(READ_HEAD, [stream], {
    prepare: 'event_store_read_head',
  });
  return rows[0] ?? NO_STREAM;
}

const MAX_BIGINT = 2n ** 63n - 1n;

function toPosition(row: { commit: string; prepare: string }): Position {
  return { commit: BigInt(row.commit), prepare: BigInt(row.prepare) };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    revision: row.revision,
    position: toPosition(row),
    type: row.type,
    data: row.data,
    metadata: row.metadata as StoredMetadata,
  };
}
