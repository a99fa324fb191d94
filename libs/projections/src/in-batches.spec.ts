import { inBatches } from './in-batches';

async function* source(items: number[], pauseAfter: number, pauseMs: number) {
  for (const item of items) {
    if (item === pauseAfter + 1) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    yield item;
  }
}

describe('inBatches', () => {
  it('fills batches while items are ready and flushes a partial one when the source goes quiet', async () => {
    const batches: number[][] = [];
    for await (const batch of inBatches(source([1, 2, 3, 4, 5, 6, 7], 5, 50), 2, 10)) {
      batches.push(batch);
    }
    expect(batches).toEqual([[1, 2], [3, 4], [5], [6, 7]]);
  });
});
