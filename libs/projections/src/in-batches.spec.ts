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

  it('weighs an item by its size when told (a page by its events)', async () => {
    const batches: number[][] = [];
    // each item stands for a page of that many events
    for await (const batch of inBatches(source([3, 1, 2, 3, 1], 9, 0), 4, 10, (n) => n)) {
      batches.push(batch);
    }
    expect(batches).toEqual([[3, 1], [2, 3], [1]]);
  });
});
