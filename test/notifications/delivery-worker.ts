/**
 * A delivery worker in a process of its own, for the test that kills one mid-delivery
 * (SIGKILL: no graceful close, its BullMQ lock simply stops being renewed).
 * Env: DATABASE_URL, DB_SCHEMA, REDIS_URL, PREFIX, LOCK_MS.
 */
import { openDatabase } from '@recourse/database';
import { openEventStore } from '@recourse/event-store';
import { BullmqDeliveryQueue, DeliverySender } from '@recourse/notifications';
import { openRedis } from '@recourse/infrastructure';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const db = await openDatabase({ url: env('DATABASE_URL'), schema: env('DB_SCHEMA') });
  const store = await openEventStore({ database: db });
  const sender = new DeliverySender(db, store, {
    from: 'test',
    personal: { open: async () => null },
  });
  const queue = new BullmqDeliveryQueue(openRedis(env('REDIS_URL')), env('PREFIX'), sender, {
    attempts: 5,
    backoffMs: 100,
    lockDurationMs: Number(env('LOCK_MS')),
  });
  await queue.start();
  process.stdout.write('ready\n');
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
