import { createPublicKey, randomUUID } from 'node:crypto';
import { START, type EventStore, type RecordedEvent } from '@recourse/event-store';
import {
  MerkleTree,
  appendLeaves,
  frontierOf,
  nodeKey,
  type StoredNode,
} from '@recourse/transparency';
import type { TestApp } from '../support/app';
import { eventually } from '../support/eventually';

/** Appends `count` events spread over case, access and alert streams (every stream is chained). */
export async function appendMixedEvents(store: EventStore, count: number): Promise<void> {
  const streams = [`case-${randomUUID()}`, `access-${randomUUID()}`, `alerts-test-authority`];
  for (let i = 0; i < count; i++) {
    await store.appendToStream(
      streams[i % streams.length],
      [
        {
          id: randomUUID(),
          type: i % 3 === 0 ? 'NoteAdded' : 'Probe',
          data: { i, text: `event ${i}` },
          metadata: {
            actor: { id: 'u1', role: 'caseworker' },
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      'any',
    );
  }
}

export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (;;) {
    const batch = await store.readAll(all.length ? all[all.length - 1].position : START, 500);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** The latest signed checkpoint once it covers every event in the store, with those events. */
export function checkpointOfEverything(t: TestApp) {
  return eventually(async () => {
    const events = await readEverything(t.eventStore);
    const response = await t.http.get('/v1/log/checkpoint').expect(200);
    const size = Number(response.text.split('\n')[1]);
    return size === events.length && { events, note: response.text };
  });
}

/** The reference: the tree of the store's events rebuilt in memory from scratch. */
export function treeOfEvents(events: RecordedEvent[]): MerkleTree {
  const nodes = new Map<string, StoredNode>();
  for (const node of appendLeaves(
    0,
    frontierOf(0) as StoredNode[],
    events.map((e) => Buffer.from(e.metadata.hash, 'ascii')),
  )) {
    nodes.set(nodeKey(node), node);
  }
  return new MerkleTree({ readNodes: async (ids) => ids.map((id) => nodes.get(nodeKey(id))!) });
}

/** The sigstore "transparency log instance" for our key: its logID starts with our key hash. */
export function sigstoreTlog(verifierKey: string) {
  const [name, hash, ...rest] = verifierKey.trim().split('+');
  const raw = Buffer.from(rest.join('+'), 'base64');
  expect(raw[0]).toBe(0x01);
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.subarray(1).toString('base64url') },
    format: 'jwk',
  });
  return {
    baseURL: `https://${name}`,
    logID: Buffer.concat([Buffer.from(hash, 'hex'), Buffer.alloc(28)]),
    publicKey,
  };
}
