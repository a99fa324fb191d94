import { createServer, connect, type Server, type Socket } from 'node:net';

/** Bytes of the event store's append statement name, sent in every Parse/Bind of an append. */
const APPEND_STATEMENT = Buffer.from('event_store_append');

/**
 * A TCP proxy in front of PostgreSQL that can cut a connection between the commit of an append
 * and its answer: once armed, a connection that sends an append (an autocommit INSERT, committed
 * by the server before it answers) is destroyed when the server's answer arrives, which is
 * dropped. The client sees its connection lost; the events are in the store.
 */
export class PgProxy {
  private cutsLeft = 0;
  private cutsDone = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(upstreamPort: number): Promise<PgProxy> {
    const proxies: PgProxy[] = [];
    const server = createServer((client) => proxies[0].accept(client, upstreamPort));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxies.push(new PgProxy(server, (server.address() as { port: number }).port));
    return proxies[0];
  }

  /** cut the answers of the next `count` appends */
  armCuts(count: number): void {
    this.cutsLeft = count;
    this.cutsDone = 0;
  }

  get cuts(): number {
    return this.cutsDone;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: Socket, upstreamPort: number): void {
    const upstream = connect(upstreamPort, '127.0.0.1');
    this.sockets.add(client);
    this.sockets.add(upstream);
    let appendPending = false;
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    client.on('data', (chunk: Buffer) => {
      if (this.cutsLeft > 0 && chunk.includes(APPEND_STATEMENT)) appendPending = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (appendPending && this.cutsLeft > 0) {
        this.cutsLeft -= 1;
        this.cutsDone += 1;
        end();
        return;
      }
      appendPending = false;
      client.write(chunk);
    });
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }
}
