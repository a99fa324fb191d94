// implementations the project did not write: sigstore's C2SP checkpoint and RFC 9162 inclusion checks
import { verifyCheckpoint, type LogCheckpoint } from '@sigstore/verify/dist/tlog/checkpoint';
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle';
import { startTestApp, type TestApp } from '../support/app';
import { appealBody } from '../support/fixtures';
import { quietNestLogs } from '../projections/support';
import { checkpointOfEverything, sigstoreTlog, treeOfEvents } from './support';

const ORIGIN = 'recourse.test/log';

describe('transparency log endpoints (public)', () => {
  let t: TestApp;

  beforeAll(async () => {
    quietNestLogs();
    t = await startTestApp({
      worker: true,
      env: { RECOURSE_LOG_ORIGIN: ORIGIN, RECOURSE_CHECKPOINT_INTERVAL: 'PT0.1S' },
    });
    const citizen = await t.token('citizen-liu', 'citizen');
    for (let i = 0; i < 5; i++) {
      await t.http.post('/v1/cases').set('Authorization', citizen).send(appealBody()).expect(201);
    }
  });
  afterAll(() => t.close());

  it("serves a checkpoint and key that sigstore verifies, with the root of the store's events", async () => {
    const { events, note } = await checkpointOfEverything(t);
    const key = await t.http
      .get('/v1/log/key')
      .expect(200)
      .expect('Content-Type', /text\/plain/);
    expect(key.text).toMatch(/^recourse\.test\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*\n$/);
    const tlog = sigstoreTlog(key.text);
    const checkpoint = verifyCheckpoint(
      { inclusionProof: { checkpoint: { envelope: note } } } as never,
      [tlog] as never,
    ) as LogCheckpoint;
    expect(checkpoint.origin).toBe(ORIGIN);
    expect(Number(checkpoint.logSize)).toBe(events.length);
    const root = await treeOfEvents(events).root(events.length);
    expect(Buffer.from(checkpoint.logHash).equals(root)).toBe(true);
  });

  it('proves every event included in the checkpoint, checked by sigstore', async () => {
    const { events, note } = await checkpointOfEverything(t);
    const root = Buffer.from(note.split('\n')[2], 'base64');
    for (const [logIndex, event] of events.entries()) {
      const { body } = await t.http
        .get(`/v1/log/proof/inclusion?logIndex=${logIndex}&treeSize=${events.length}`)
        .expect(200);
      verifyMerkleInclusion(
        {
          canonicalizedBody: Buffer.from(event.metadata.hash, 'ascii'),
          inclusionProof: {
            logIndex: String(logIndex),
            hashes: body.hashes.map((h: string) => Buffer.from(h, 'hex')),
          },
        } as never,
        { logSize: BigInt(events.length), logHash: root } as never,
      );
    }
  });

  it('serves leaves in log order and consistency proofs between sizes', async () => {
    const { events } = await checkpointOfEverything(t);
    const leaves = await t.http.get(`/v1/log/leaves?start=0&end=${events.length}`).expect(200);
    expect(leaves.body.leaves).toEqual(events.map((e) => e.metadata.hash));
    const proof = await t.http
      .get(`/v1/log/proof/consistency?from=3&to=${events.length}`)
      .expect(200);
    const expected = await treeOfEvents(events).consistencyProof(3, events.length);
    expect(proof.body).toEqual({
      from: 3,
      to: events.length,
      hashes: expected.hashes.map((h) => h.toString('hex')),
    });
  });

  it('refuses a size the tree has not reached, and serves it once the tree has grown to it', async () => {
    const { events } = await checkpointOfEverything(t);
    const grown = events.length + 1;
    // served sizes are remembered: asking for the current size first must not freeze the limit
    await t.http.get(`/v1/log/proof/consistency?from=1&to=${events.length}`).expect(200);
    await t.http.get(`/v1/log/proof/consistency?from=1&to=${grown}`).expect(400);
    await t.http
      .post('/v1/cases')
      .set('Authorization', await t.token('citizen-liu', 'citizen'))
      .send(appealBody())
      .expect(201);
    const after = await checkpointOfEverything(t);
    expect(after.events.length).toBeGreaterThanOrEqual(grown);
    const proof = await t.http
      .get(`/v1/log/proof/consistency?from=${events.length}&to=${grown}`)
      .expect(200);
    const expected = await treeOfEvents(after.events).consistencyProof(events.length, grown);
    expect(proof.body.hashes).toEqual(expected.hashes.map((h) => h.toString('hex')));
  });

  it('lists every checkpoint oldest first, with cursor paging', async () => {
    await checkpointOfEverything(t);
    const first = await t.http.get('/v1/log/checkpoints?limit=1').expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBe(String(first.body.items[0].treeSize));
    const all = await t.http.get('/v1/log/checkpoints').expect(200);
    const sizes = all.body.items.map((c: { treeSize: number }) => c.treeSize);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(sizes).size).toBe(sizes.length);
    const rest = await t.http
      .get(`/v1/log/checkpoints?cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(rest.body.items.map((c: { treeSize: number }) => c.treeSize)).toEqual(sizes.slice(1));
  });

  it.each([
    ['/v1/log/proof/inclusion', 'logIndex'],
    ['/v1/log/proof/inclusion?logIndex=0', 'treeSize'],
    ['/v1/log/proof/inclusion?logIndex=-1&treeSize=1', 'logIndex'],
    ['/v1/log/proof/inclusion?logIndex=x&treeSize=1', 'logIndex'],
    ['/v1/log/proof/inclusion?logIndex=3&treeSize=3', undefined],
    ['/v1/log/proof/inclusion?logIndex=0&treeSize=999999', 'treeSize'],
    ['/v1/log/proof/consistency?from=0&to=2', 'from'],
    ['/v1/log/proof/consistency?from=3&to=2', undefined],
    ['/v1/log/proof/consistency?from=1&to=999999', 'to'],
    ['/v1/log/proof/consistency?from=1.5&to=2', 'from'],
    ['/v1/log/leaves?start=2&end=2', undefined],
    ['/v1/log/leaves?start=0&end=999999', 'end'],
    ['/v1/log/leaves?start=0', 'end'],
    ['/v1/log/checkpoints?limit=0', 'limit'],
    ['/v1/log/checkpoints?cursor=abc', 'cursor'],
    ['/v1/log/proof/inclusion?logIndex=0&treeSize=1&extra=1', undefined],
  ])('GET %s is a 400 problem', async (path, field) => {
    const response = await t.http
      .get(path)
      .expect(400)
      .expect('Content-Type', /application\/problem\+json/);
    if (field) {
      expect(JSON.stringify(response.body)).toContain(field);
    }
  });
});
