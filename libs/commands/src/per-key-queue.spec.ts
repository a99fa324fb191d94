import { PerKeyQueue } from './per-key-queue';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PerKeyQueue', () => {
  it('runs tasks of one key one at a time, in order, and others alongside', async () => {
    const queue = new PerKeyQueue();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      queue.run('a', task('a1')),
      queue.run('a', task('a2')),
      queue.run('b', task('b1')),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(log.indexOf('end a1')).toBeLessThan(log.indexOf('start a2'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
    expect(queue.size).toBe(0);
  });

  it('goes on with the next task when one fails', async () => {
    const queue = new PerKeyQueue();
    const failing = queue.run('a', async () => {
      throw new Error('refused');
    });
    const next = queue.run('a', async () => 'ran');
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('ran');
    expect(queue.size).toBe(0);
  });
});
