export class WrongExpectedRevision extends Error {
  constructor(
    readonly stream: string,
    readonly expected: number | 'no-stream' | 'any',
    /** revision of the stream's last event, or 'no-stream' */
    readonly actual: number | 'no-stream',
  ) {
    super(`stream ${stream}: expected revision ${expected}, actual ${actual}`);
    this.name = 'WrongExpectedRevision';
  }
}

export class StreamNotFound extends Error {
  constructor(readonly stream: string) {
    super(`stream ${stream} not found`);
    this.name = 'StreamNotFound';
  }
}

export class StoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

/** the stream was deleted (tombstoned) in the store: nothing can be read from or appended to it */
export class StreamDeleted extends Error {
  constructor(readonly stream: string) {
    super(`stream ${stream} was deleted`);
    this.name = 'StreamDeleted';
  }
}

/** the stream's first events are gone (truncated or scavenged): its history cannot be replayed */
export class StreamTruncated extends Error {
  constructor(
    readonly stream: string,
    /** revision of the first event still stored */
    readonly firstRevision: number,
  ) {
    super(`stream ${stream} is truncated: it starts at revision ${firstRevision}`);
    this.name = 'StreamTruncated';
  }
}

/** the append is larger than the store accepts in one go */
export class AppendTooLarge extends Error {
  constructor(
    readonly stream: string,
    options?: { cause?: unknown },
  ) {
    super(`append to ${stream} is larger than the event store accepts`, options);
    this.name = 'AppendTooLarge';
  }
}
