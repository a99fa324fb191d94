import { createHash } from 'node:crypto';
import { ChainedEvent, chainHash, genesisHash, verifyChain } from './chain';
import { comparePositions, parsePosition, positionToString } from './position';

const caseId = '4b1d7c2e-8f0a-4c3e-9d5b-2a6f1e0c9b87';
const stream = `case-${caseId}`;
const actor = { id: 'u1', role: 'citizen' };

function chainOf(count: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash = genesisHash(stream);
  for (let revision = 0; revision < count; revision++) {
    const content = {
      type: 'NoteAdded',
      data: { n: revision, text: 'é' },
      actor,
      occurredAt: '2026-06-13T08:10:00Z',
    };
    const hash = chainHash(prevHash, { ...content, revision });
    events.push({
      revision,
      type: content.type,
      data: content.data,
      metadata: { actor, occurredAt: content.occurredAt, prevHash, hash },
    });
    prevHash = hash;
  }
  return events;
}

describe('hash chain', () => {
  it('starts from hex(SHA-256("case-" + caseId))', () => {
    expect(genesisHash(stream)).toBe(createHash('sha256').update(`case-${caseId}`).digest('hex'));
  });

  it('hashes prevHash, a newline and the RFC 8785 canonical JSON of the content', () => {
    const canonical =
      '{"actor":{"id":"u1","role":"citizen"},"data":{"a":1,"b":[true,null]},"occurredAt":"2026-06-13T08:10:00Z","revision":0,"type":"CaseFiled"}';
    const expected = createHash('sha256').update(`abc\n${canonical}`).digest('hex');
    const content = {
      revision: 0,
      type: 'CaseFiled',
      occurredAt: '2026-06-13T08:10:00Z',
      data: { b: [true, null], a: 1 },
      actor,
    };
    expect(chainHash('abc', content)).toBe(expected);
  });

  it('verifies an intact chain and an empty one', () => {
    expect(verifyChain(stream, chainOf(4))).toEqual({
      verified: true,
      firstBrokenRevision: null,
      reason: null,
    });
    expect(verifyChain(stream, []).verified).toBe(true);
  });

  it('catches an edited event', () => {
    const events = chainOf(4);
    events[2] = { ...events[2], data: { n: 2, text: 'edited' } };
    expect(verifyChain(stream, events)).toMatchObject({ verified: false, firstBrokenRevision: 2 });
  });

  it('catches a reordered pair whose revisions were swapped back into order', () => {
    const events = chainOf(4);
    const swapped = [
      events[0],
      { ...events[2], revision: 1 },
      { ...events[1], revision: 2 },
      events[3],
    ];
    expect(verifyChain(stream, swapped)).toMatchObject({ verified: false, firstBrokenRevision: 1 });
  });

  it('catches a deleted event, renumbered or not', () => {
    const events = chainOf(4);
    expect(verifyChain(stream, [events[0], events[2], events[3]])).toMatchObject({
      verified: false,
      firstBrokenRevision: 2,
    });
    const renumbered = [events[0], { ...events[2], revision: 1 }, { ...events[3], revision: 2 }];
    expect(verifyChain(stream, renumbered)).toMatchObject({
      verified: false,
      firstBrokenRevision: 1,
    });
  });

  it('refuses a chain started for another stream', () => {
    expect(verifyChain('case-other', chainOf(2))).toMatchObject({
      verified: false,
      firstBrokenRevision: 0,
    });
  });
});

describe('positions', () => {
  it('round-trips through text and orders by commit, then prepare', () => {
    const position = { commit: 18446744073709551615n, prepare: 7n };
    expect(parsePosition(positionToString(position))).toEqual(position);
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 1n })).toBeLessThan(
      0,
    );
    expect(
      comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n }),
    ).toBeGreaterThan(0);
    expect(comparePositions(position, { ...position })).toBe(0);
  });

  it.each(['', '1', '1-', '-1-2', '1-2-3', 'a-b', '1.5-2', ' 1-2'])('refuses %j', (text) => {
    expect(() => parsePosition(text)).toThrow(/invalid position/);
  });
});
