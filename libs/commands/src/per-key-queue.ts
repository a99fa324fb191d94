/**
 * Runs tasks one at a time per key, in arrival order; tasks of different keys run concurrently.
 * Commands on one case inside one process queue here instead of racing to append and retrying:
 * optimistic concurrency then only has to settle races between processes.
 */
export class PerKeyQueue {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let done!: () => void;
    const tail = previous.then(() => new Promise<void>((resolve) => (done = resolve)));
    this.tails.set(key, tail);
    await previous;
    try {
      return await task();
    } finally {
      done();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** keys with a task running or waiting (for tests and metrics) */
  get size(): number {
    return this.tails.size;
  }
}
