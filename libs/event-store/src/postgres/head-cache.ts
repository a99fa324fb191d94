/** revision and hash of a stream's last event, as last seen committed; -1 = no stream */
export interface StreamHead {
  revision: number;
  hash: string;
}

/**
 * Remembers the head of recently written or read streams so that the usual load → decide → append
 * needs no extra read before the insert. Only a hint: the insert itself checks the head it chains
 * onto, and a stale entry costs one retry.
 */
export class HeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity: number) {}

  get(stream: string): StreamHead | undefined {
    const head = this.heads.get(stream);
    if (head) {
      // least recently used goes first: re-inserting moves the stream to the end
      this.heads.delete(stream);
      this.heads.set(stream, head);
    }
    return head;
  }

  remember(stream: string, head: StreamHead): void {
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > this.capacity)
      this.heads.delete(this.heads.keys().next().value as string);
  }

  forget(stream: string): void {
    this.heads.delete(stream);
  }
}
