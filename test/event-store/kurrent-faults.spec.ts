import { KurrentDBClient } from '@kurrent/kurrentdb-client';
import {
  AppendTooLarge,
  KurrentEventStore,
  StoreUnavailable,
  StreamDeleted,
  StreamTruncated,
  type NewEvent,
} from '@recourse/event-store';
import { randomBytes, randomUUID } from 'node:crypto';
import { startTestApp } from '../support/app';
import { FakeKurrentEndpoint } from './fake-kurrent-endpoint';

/**
 * The KurrentDB adapter through faults a server shows on a bad day, against a fault-injecting
 * gRPC endpoint built from the client's own service definitions (fake-kurrent-endpoint.ts). That
 * endpoint is not a KurrentDB server; the conformance suite (kurrent.spec.ts) needs a real one.
 */
describe('KurrentDB adapter through faults', () => {
  let endpoint: FakeKurrentEndpoint;
  let store: KurrentEventStore;
  let clientsMade: number;

  beforeEach(async () => {
    endpoint = await FakeKurrentEndpoint.start();
    clientsMade = 0;
    store = new KurrentEventStore(() => {
      clientsMade++;
      return KurrentDBClient.connectionString(endpoint.url);
    });
  });
  afterEach(async () => {
    await store.close();
    await endpoint.stop();
  });

  let next = 0;
  const event = (): NewEvent => ({
    id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
    type: 'NoteAdded',
    data: { text: 'x' },
    metadata: { actor: 'tester', occurredAt: '2026-12-04T12:00:00.000Z' },
  });

  it('answers an append whose answer was lost as committed, once, when its events are stored', async () => {
    const first = event();
    await store.appendToStream('case-1', [first], 'no-stream');
    endpoint.faults.appendDeadlineAfterCommit = 1;
    const second = event();
    const result = await store.appendToStream('case-1', [second], 0);
    expect(result).toEqual({ nextRevision: 1, position: { commit: 1n, prepare: 1n } });
    expect(endpoint.streamIds('case-1')).toEqual([first.id, second.id]);
  });

  it('answers an append that timed out before committing as unavailable, and a retry appends once', async () => {
    await store.appendToStream('case-1', [event()], 'no-stream');
    endpoint.faults.appendDeadlineBeforeCommit = 1;
    const second = event();
    await expect(store.appendToStream('case-1', [second], 0)).rejects.toBeInstanceOf(
      StoreUnavailable,
    );
    expect(endpoint.streamIds('case-1')).toHaveLength(1);
    await store.appendToStream('case-1', [second], 0);
    expect(endpoint.streamIds('case-1').filter((id) => id === second.id)).toHaveLength(1);
  });

  it('types a deleted stream, an append too large and a truncated stream', async () => {
    await store.appendToStream('case-1', [event(), event()], 'no-stream');
    endpoint.truncateBefore('case-1', 1);
    await expect(store.readStream('case-1')).rejects.toBeInstanceOf(StreamTruncated);
    endpoint.maxAppendSize = 10;
    await expect(store.appendToStream('case-2', [event()], 'no-stream')).rejects.toBeInstanceOf(
      AppendTooLarge,
    );
    endpoint.deleted.add('case-3');
    await expect(store.appendToStream('case-3', [event()], 'any')).rejects.toBeInstanceOf(
      StreamDeleted,
    );
  });

  it('replaces a client whose reads keep failing, and reads again once the store answers', async () => {
    endpoint.faults.handshakeUnavailable = 1;
    await expect(store.readAll('start', 10)).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(store.readAll('start', 10)).resolves.toEqual([]);
    expect(clientsMade).toBe(2);
  });

  it('opens a subscription that ends normally again with backoff, not in a tight loop', async () => {
    await store.appendToStream('case-1', [event()], 'no-stream');
    endpoint.faults.endSubscriptions = true;
    const stop = new AbortController();
    const seen: string[] = [];
    const consuming = (async () => {
      for await (const recorded of store.subscribeToAll('start', { signal: stop.signal }))
        seen.push(recorded.id);
    })();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stop.abort();
    await consuming;
    expect(seen).toHaveLength(1);
    expect(endpoint.calls.subscriptions).toBeGreaterThan(1);
    expect(endpoint.calls.subscriptions).toBeLessThanOrEqual(10);
  });

  it('answers 410 problem+json over HTTP for a case whose stream was deleted or truncated', async () => {
    const app = await startTestApp({
      env: { EVENTSTORE_URL: endpoint.url, RECOURSE_KEK: randomBytes(32).toString('base64') },
    });
    try {
      const oversight = await app.token('ovs-1', 'oversight');
      const deleted = randomUUID();
      endpoint.deleted.add(`case-${deleted}`);
      const truncated = randomUUID();
      await app.eventStore.appendToStream(`case-${truncated}`, [event(), event()], 'no-stream');
      endpoint.truncateBefore(`case-${truncated}`, 1);
      for (const [caseId, type] of [
        [deleted, 'case-deleted'],
        [truncated, 'case-truncated'],
      ]) {
        const response = await app.http
          .get(`/v1/cases/${caseId}/audit`)
          .set('Authorization', oversight);
        expect(response.status).toBe(410);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 410, type: expect.stringContaining(type) });
      }
    } finally {
      await app.close();
    }
  });
});
