import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import {
  Empty,
  StreamIdentifier,
  UUID,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import { StreamsService } from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_grpc_pb';
import {
  AppendReq,
  AppendResp,
  ReadReq,
  ReadResp,
} from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';

/**
 * A fault-injecting gRPC endpoint for the KurrentDB client, built from the client's own generated
 * service definitions (Streams Read and Append, ServerFeatures). It is NOT a KurrentDB server: it
 * keeps a few streams in memory with a naive global order, knows no filters, links, ACLs or
 * scavenging, and exists so that tests can make the client see what a server does on a bad day:
 * unavailability, an append that commits but answers DEADLINE_EXCEEDED, a subscription that ends
 * normally, a deleted stream, an append over the size limit, a truncated stream.
 */
export class FakeKurrentEndpoint {
  /** what the endpoint does wrong next; counters count down as they are used */
  readonly faults = {
    /** answer UNAVAILABLE to this many connection handshakes (GetSupportedMethods) */
    handshakeUnavailable: 0,
    /** answer UNAVAILABLE to this many reads (stream reads, $all reads, subscriptions) */
    readUnavailable: 0,
    /** commit this many appends, then answer DEADLINE_EXCEEDED as if the answer was lost */
    appendDeadlineAfterCommit: 0,
    /** answer DEADLINE_EXCEEDED to this many appends without committing them */
    appendDeadlineBeforeCommit: 0,
    /** end every subscription normally once it has sent what is stored */
    endSubscriptions: false,
  };
  /** how often each method was called */
  readonly calls = { handshakes: 0, reads: 0, subscriptions: 0, appends: 0 };
  /** streams whose reads and appends answer "stream deleted" (tombstoned) */
  readonly deleted = new Set<string>();
  /** the largest append accepted, in bytes of data and metadata */
  maxAppendSize = 1024 * 1024;

  private readonly all: StoredEvent[] = [];
  private readonly truncatedBefore = new Map<string, number>();

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FakeKurrentEndpoint> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    const endpoint = new FakeKurrentEndpoint(server, port);
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (
        _call: grpc.ServerUnaryCall<Empty, SupportedMethods>,
        callback: grpc.sendUnaryData<SupportedMethods>,
      ) => endpoint.handshake(callback),
    });
    server.addService(StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => endpoint.read(call),
      append: (
        call: grpc.ServerReadableStream<AppendReq, AppendResp>,
        callback: grpc.sendUnaryData<AppendResp>,
      ) => endpoint.append(call, callback),
    });
    return endpoint;
  }

  /** a connection string for the client */
  get url(): string {
    return `kurrentdb://127.0.0.1:${this.port}?tls=false`;
  }

  /** events of a stream, as stored (ids, revisions) */
  streamIds(stream: string): string[] {
    return this.all.filter((event) => event.stream === stream).map((event) => event.id);
  }

  /** what $tb (truncate before) does on a server: reads start at `revision` */
  truncateBefore(stream: string, revision: number): void {
    this.truncatedBefore.set(stream, revision);
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
    return Promise.resolve();
  }

  private handshake(callback: grpc.sendUnaryData<SupportedMethods>): void {
    this.calls.handshakes++;
    if (take(this.faults, 'handshakeUnavailable')) return callback(status(grpc.status.UNAVAILABLE));
    const methods = ['read', 'append'].map((name) =>
      new SupportedMethod()
        .setServiceName('event_store.client.streams.streams')
        .setMethodName(name),
    );
    callback(
      null,
      new SupportedMethods().setMethodsList(methods).setEventStoreServerVersion('24.10.0'),
    );
  }

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions()!;
    const subscribing = options.hasSubscription();
    if (subscribing) this.calls.subscriptions++;
    else this.calls.reads++;
    if (take(this.faults, 'readUnavailable')) return fail(call, status(grpc.status.UNAVAILABLE));
    if (options.hasStream()) return this.readStream(call, options);
    const from = options.getAll()!;
    const after = from.hasPosition() ? Number(from.getPosition()!.getCommitPosition()) : -1;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    let events = backwards ? [...this.all].reverse() : this.all.filter((e) => e.position >= after);
    if (from.hasEnd() && !backwards) events = [];
    if (subscribing) {
      call.write(
        new ReadResp().setConfirmation(
          new ReadResp.SubscriptionConfirmation().setSubscriptionId('fake'),
        ),
      );
    }
    const count = subscribing ? events.length : Number(options.getCount());
    for (const event of events.slice(0, count)) call.write(eventResponse(event));
    // a live subscription stays open until the client goes or the endpoint stops
    if (!subscribing || this.faults.endSubscriptions) call.end();
  }

  private readStream(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
  ): void {
    const streamOptions = options.getStream()!;
    const stream = Buffer.from(
      streamOptions.getStreamIdentifier()!.getStreamName_asU8(),
    ).toString();
    if (this.deleted.has(stream)) return fail(call, streamDeleted(stream));
    const first = this.truncatedBefore.get(stream) ?? 0;
    const stored = this.all.filter((event) => event.stream === stream && event.revision >= first);
    if (stored.length === 0) {
      call.write(
        new ReadResp().setStreamNotFound(
          new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(stream)),
        ),
      );
      call.end();
      return;
    }
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : undefined;
    const events = backwards
      ? stored.filter((event) => from === undefined || event.revision <= from).reverse()
      : stored.filter((event) => event.revision >= (from ?? 0));
    for (const event of events.slice(0, Number(options.getCount())))
      call.write(eventResponse(event));
    call.end();
  }

  private append(
    call: grpc.ServerReadableStream<AppendReq, AppendResp>,
    callback: grpc.sendUnaryData<AppendResp>,
  ): void {
    this.calls.appends++;
    const messages: AppendReq[] = [];
    call.on('data', (message: AppendReq) => messages.push(message));
    call.on('end', () => {
      const options = messages[0].getOptions()!;
      const stream = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString();
      const proposed = messages.slice(1).map((message) => message.getProposedMessage()!);
      if (this.deleted.has(stream)) return callback(streamDeleted(stream));
      const size = proposed.reduce(
        (total, p) => total + p.getData_asU8().length + p.getCustomMetadata_asU8().length,
        0,
      );
      if (size > this.maxAppendSize) {
        return callback(
          status(grpc.status.INVALID_ARGUMENT, {
            exception: 'maximum-append-size-exceeded',
            'maximum-append-size': String(this.maxAppendSize),
          }),
        );
      }
      if (take(this.faults, 'appendDeadlineBeforeCommit')) {
        return callback(status(grpc.status.DEADLINE_EXCEEDED));
      }
      const current = this.all.filter((event) => event.stream === stream).length - 1;
      const expected = options.hasRevision()
        ? Number(options.getRevision())
        : options.hasNoStream()
          ? -1
          : current;
      if (expected !== current) {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (current >= 0) wrong.setCurrentRevision(String(current));
        else wrong.setCurrentNoStream(new Empty());
        if (expected >= 0) wrong.setExpectedRevision(String(expected));
        else wrong.setExpectedNoStream(new Empty());
        return callback(null, new AppendResp().setWrongExpectedVersion(wrong));
      }
      for (const [index, p] of proposed.entries()) {
        const metadata = p.getMetadataMap();
        this.all.push({
          id: p.getId()!.getString(),
          stream,
          revision: current + 1 + index,
          position: this.all.length,
          type: metadata.get('type') ?? '',
          data: p.getData_asU8(),
          metadata: p.getCustomMetadata_asU8(),
        });
      }
      if (take(this.faults, 'appendDeadlineAfterCommit')) {
        return callback(status(grpc.status.DEADLINE_EXCEEDED));
      }
      const last = this.all[this.all.length - 1];
      const success = new AppendResp.Success()
        .setCurrentRevision(String(last.revision))
        .setPosition(
          new AppendResp.Position()
            .setCommitPosition(String(last.position))
            .setPreparePosition(String(last.position)),
        );
      callback(null, new AppendResp().setSuccess(success));
    });
  }
}

interface StoredEvent {
  id: string;
  stream: string;
  revision: number;
  /** commit and prepare position alike */
  position: number;
  type: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

type Counters = FakeKurrentEndpoint['faults'];

/** true (and one fewer left) when a counted fault is due */
function take(
  faults: Counters,
  fault:
    | 'handshakeUnavailable'
    | 'readUnavailable'
    | 'appendDeadlineAfterCommit'
    | 'appendDeadlineBeforeCommit',
): boolean {
  if (faults[fault] <= 0) return false;
  faults[fault]--;
  return true;
}

function status(
  code: grpc.status,
  metadata: Record<string, string> = {},
): Partial<grpc.StatusObject> {
  const md = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  return { code, details: `fake endpoint: ${grpc.status[code]}`, metadata: md };
}

function streamDeleted(stream: string): Partial<grpc.StatusObject> {
  return status(grpc.status.FAILED_PRECONDITION, {
    exception: 'stream-deleted',
    'stream-name': stream,
  });
}

/** ends a server stream with an error status */
function fail(
  call: grpc.ServerWritableStream<ReadReq, ReadResp>,
  error: Partial<grpc.StatusObject>,
): void {
  call.emit('error', error);
}

function streamIdentifier(stream: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(stream));
}

function eventResponse(event: StoredEvent): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(event.id))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(String(event.revision))
    .setCommitPosition(String(event.position))
    .setPreparePosition(String(event.position))
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  const metadata = recorded.getMetadataMap();
  metadata.set('type', event.type);
  metadata.set('content-type', 'application/json');
  // .NET ticks (100 ns) since the Unix epoch, as the server sends them
  metadata.set('created', String(BigInt(Date.now()) * 10_000n));
  return new ReadResp().setEvent(
    new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(String(event.position)),
  );
}
