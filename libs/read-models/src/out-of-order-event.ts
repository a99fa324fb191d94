/** An event arrived before one it follows; the caller retries it later. */
export class OutOfOrderEvent extends Error {
  constructor(
    readonly stream: string,
    readonly revision: number,
    /** revision the read model holds for the stream, -1 when it has none */
    readonly lastApplied: number,
  ) {
    super(`${stream}: revision ${revision} arrived while the read model is at ${lastApplied}`);
    this.name = 'OutOfOrderEvent';
  }
}
