import { KurrentEventStore } from '@recourse/event-store';
import { eventStoreConformance } from './conformance';

const url = process.env.EVENTSTORE_URL;

if (url) {
  // the server's log cannot be edited or held open from outside: those two cases do not apply
  eventStoreConformance('KurrentDB', { lateCommit: false, tampering: false }, async () => {
    const store = KurrentEventStore.connect(url);
    await store.ping();
    return { store, close: () => store.close() };
  });
} else {
  describe.skip('EventStore conformance: KurrentDB', () => {
    console.log(
      'KurrentDB conformance skipped: EVENTSTORE_URL is not set (docker compose -f docker-compose.stores.yml up -d kurrentdb, then ' +
        'EVENTSTORE_URL=kurrentdb://localhost:2113?tls=false npm test -- test/event-store)',
    );
    it('runs only against a real server', () => undefined);
  });
}
