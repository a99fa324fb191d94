import { forEachLimited } from './for-each-limited';

describe('forEachLimited', () => {
  const tick = () => new Promise((resolve) => setImmediate(resolve));

  it('calls fn once per item, never more than `limit` at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      most = Math.max(most, ++inFlight);
      await tick();
      seen.push(item);
      inFlight -= 1;
    });
    expect(seen.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('does nothing for no items, and rejects with a failure', async () => {
    await forEachLimited([], 4, () => Promise.reject(new Error('never called')));
    await expect(
      forEachLimited([1, 2], 2, async (item) => {
        if (item === 2) throw new Error('two');
      }),
    ).rejects.toThrow('two');
  });
});
