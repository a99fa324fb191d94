import {
  Client,
  Pool,
  PoolClient,
  PoolConfig,
  QueryConfig,
  QueryResult as PgQueryResult,
} from 'pg';
import { Database, QueryOptions, QueryResult, Sql } from './database';
import { quoteIdentifier } from './identifier';

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** Real PostgreSQL through a `pg` pool; LISTEN runs on one dedicated connection that reconnects. */
export async function openPostgresDatabase(options: {
  url: string;
  schema?: string;
  maxConnections?: number;
}): Promise<Database> {
  const config: PoolConfig = {
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    // a server that is down or unreachable fails a call in bounded time instead of queueing it
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // a connection cut without a FIN (a dropped route, a dead proxy) is noticed
    keepAlive: true,
  };
  if (options.schema) {
    const schema = quoteIdentifier(options.schema);
    await createSchema(options.url, schema);
    // every pooled connection (and the listener) starts with this search_path
    config.options = `-c search_path=${schema}`;
  }
  const pool = new Pool(config);
  // an idle connection that dies is dropped by the pool; without a handler it would crash the process
  pool.on('error', () => undefined);
  return new PostgresDatabase(pool, new Listener(config));
}

async function createSchema(url: string, quotedSchema: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined); // a lost connection fails the pending query instead
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema}`);
  } catch (error) {
    // two processes creating the same schema at once: the loser sees a unique violation
    if (!isUniqueViolation(error)) throw error;
  } finally {
    await client.end();
  }
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === '23505' || code === '42P06';
}

/** a named statement is parsed and planned once per connection, then reused */
function statement(text: string, values?: unknown[], options?: QueryOptions): QueryConfig {
  return options?.prepare ? { name: options.prepare, text, values } : { text, values };
}

function toResult<T>(result: PgQueryResult | PgQueryResult[]): QueryResult<T> {
  // a multi-statement text answers with one result per statement: the last one is the answer
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return { rows: last.rows as T[], rowCount: last.rowCount ?? 0 };
}

class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;

  constructor(
    private readonly pool: Pool,
    private readonly listener: Listener,
  ) {}

  async query<T>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<T>> {
    return toResult<T>(await this.pool.query(statement(text, params, options)));
  }

  async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // pg-pool takes its own 'error' listener off a client it hands out: a connection lost while
    // checked out (server restart, pg_terminate_backend) would be an unhandled 'error' event,
    // which ends the process. The failure reaches the caller through the pending query anyway.
    let lost: Error | undefined;
    const onError = (error: Error) => (lost ??= error);
    client.on('error', onError);
    const tx: Sql = {
      query: async <R>(text: string, params?: unknown[], options?: QueryOptions) =>
        toResult<R>(await client.query(statement(text, params, options))),
    };
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      await client.query('COMMIT');
      this.giveBack(client, onError, lost);
      return result;
    } catch (error) {
      try {
        if (!lost) await client.query('ROLLBACK');
        this.giveBack(client, onError, lost);
      } catch (rollbackError) {
        this.giveBack(client, onError, rollbackError as Error);
      }
      throw error;
    }
  }

  /** a broken connection is destroyed rather than returned to the pool */
  private giveBack(client: PoolClient, onError: (error: Error) => void, broken?: Error): void {
    // a destroyed connection keeps the listener: its socket may still report an error
    if (!broken) client.removeListener('error', onError);
    client.release(broken);
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    return this.listener.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    await this.listener.close();
    await this.pool.end();
  }
}

type Handler = (payload: string) => void;

/** One connection for every LISTEN of a Database; re-LISTENs every channel after a reconnect. */
class Listener {
  private client: Client | undefined;
  private connecting: Promise<Client> | undefined;
  private readonly handlers = new Map<string, Set<Handler>>();
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly config: PoolConfig) {}

  async listen(channel: string, onNotify: Handler): Promise<() => Promise<void>> {
    const quoted = quoteIdentifier(channel);
    let handlers = this.handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.handlers.set(channel, handlers);
      const client = await this.connected();
      // a reconnect in between has already LISTENed every registered channel
      if (client === this.client) await client.query(`LISTEN ${quoted}`);
    }
    handlers.add(onNotify);
    return async () => {
      handlers.delete(onNotify);
      if (handlers.size > 0 || this.handlers.get(channel) !== handlers) return;
      this.handlers.delete(channel);
      if (this.client && !this.closed)
        await this.client.query(`UNLISTEN ${quoted}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    const client = new Client(this.config);
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? [])
        handler(message.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.handlers.keys())
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    this.client = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
    return client;
  }

  private lost(client: Client): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.handlers.size === 0) return;
    this.reconnectTimer = setTimeout(() => {
      this.connected().catch(() => {
        this.reconnectDelay = Math.min(this.reconnectDelay * 2, RECONNECT_MAX_MS);
        this.scheduleReconnect();
      });
    }, this.reconnectDelay);
    this.reconnectTimer.unref();
  }
}
