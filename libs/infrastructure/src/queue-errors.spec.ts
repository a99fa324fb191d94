import { EventEmitter } from 'node:events';
import { reportQueueErrors } from './queue-errors';

describe('reportQueueErrors', () => {
  afterEach(() => jest.useRealTimers());

  it('turns a storm of queue errors into one structured warning per 30 s', () => {
    jest.useFakeTimers({ now: new Date('2026-12-04T10:00:00Z') });
    const queue = new EventEmitter();
    const warnings: unknown[] = [];
    const logger = { warn: (line: unknown) => warnings.push(line), log() {}, error() {} };
    reportQueueErrors(queue, logger, { queue: 'deadlines' });

    // without the listener, emitting 'error' would throw (BullMQ then prints raw stack traces)
    for (let i = 0; i < 1000; i++) queue.emit('error', new Error('write EPIPE'));
    expect(warnings).toEqual([
      { msg: 'queue connection error', queue: 'deadlines', error: 'write EPIPE' },
    ]);

    jest.setSystemTime(new Date('2026-12-04T10:00:29Z'));
    queue.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(warnings).toHaveLength(1);
    jest.setSystemTime(new Date('2026-12-04T10:00:31Z'));
    queue.emit('error', new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatchObject({ error: 'connect ECONNREFUSED 127.0.0.1:6379' });
  });
});
