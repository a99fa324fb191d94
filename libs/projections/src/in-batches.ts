const TIMED_OUT = Symbol('timed out');

/**
 * Groups a live stream into batches: a batch goes when it is full (its items' sizes add up to
 * `maxSize`; an item counts 1 unless `sizeOf` says otherwise, e.g. a page of events), or when the
 * next item is not ready within `maxWaitMs` (so a quiet stream is not held back). Catching up, the
 * source answers at once and batches fill up. Ending the source (abort its signal) ends the batches.
 */
export async function* inBatches<T>(
  source: AsyncIterable<T>,
  maxSize: number,
  maxWaitMs: number,
  sizeOf: (item: T) => number = () => 1,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  let batch: T[] = [];
  let size = 0;
  try {
    for (;;) {
      pending ??= iterator.next();
      const result = batch.length === 0 ? await pending : await within(pending, maxWaitMs);
      if (result === TIMED_OUT) {
        yield batch;
        batch = [];
        size = 0;
        continue;
      }
      pending = undefined;
      if (result.done) break;
      batch.push(result.value);
      size += sizeOf(result.value);
      if (size >= maxSize) {
        yield batch;
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    // with a next() in flight, return() would wait for it: the owner's abort signal ends it
    if (!pending) await iterator.return?.();
  }
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
