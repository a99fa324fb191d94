/**
 * One small SQL seam shared by the event store, the read models and the idempotency store, so
 * that real PostgreSQL (`pg` pool) and embedded PGlite (one in-process connection) are
 * interchangeable. In embedded mode the whole process shares one PGlite instance.
 */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Prepare the statement under this name: real PostgreSQL parses and plans it once per
   * connection instead of on every call. For hot statements with a fixed text; PGlite ignores it.
   */
  prepare?: string;
}

export interface Sql {
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<T>>;
}

export interface Database extends Sql {
  readonly kind: 'postgres' | 'pglite';
  /** runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to a function that stops listening */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… ; without it, PGlite under dataDir */
  url?: string;
  /** PGlite data directory; 'memory://' for a throwaway instance */
  dataDir?: string;
  /** PostgreSQL schema to use (created if missing): isolates test files sharing one server */
  schema?: string;
  /** pool size for real PostgreSQL */
  maxConnections?: number;
}
