import { createHash } from 'node:crypto';
import fc from 'fast-check';
// an implementation the project did not write: sigstore's RFC 6962/9162 inclusion check
import { verifyMerkleInclusion } from '@sigstore/verify/dist/tlog/merkle';
import { EMPTY_ROOT, leafHash, nodeHash, splitPoint } from './merkle';
import { MemoryTree } from './testing/memory-tree';
import vectors from './testdata/transparency-dev-vectors.json';

/** RFC 9162 §2.1.1 MTH, literally: recursion over the leaf data. */
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leafHash(leaves[0]);
  const k = splitPoint(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]), literally */
function path(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b), literally */
function subproof(m: number, leaves: Buffer[], whole: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return whole ? [] : [mth(leaves)];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), whole), mth(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

const leafData = (i: number): Buffer =>
  Buffer.from(createHash('sha256').update(`event ${i}`).digest('hex'), 'ascii');
const hex = (buffers: Buffer[]) => buffers.map((b) => b.toString('hex'));

function treeOf(leaves: Buffer[]): MemoryTree {
  const memory = new MemoryTree();
  memory.append(leaves);
  return memory;
}

function sigstoreAccepts(
  leaf: Buffer,
  index: number,
  size: number,
  hashes: Buffer[],
  root: Buffer,
) {
  verifyMerkleInclusion(
    {
      canonicalizedBody: leaf,
      inclusionProof: { logIndex: String(index), hashes, rootHash: root, treeSize: String(size) },
    } as never,
    { logSize: BigInt(size), logHash: root } as never,
  );
}

describe('RFC 9162 tree, against transparency-dev/merkle test vectors', () => {
  const leaves = vectors.leaves.map((h) => Buffer.from(h, 'hex'));

  it('has the published root at every size 0..8, appended one leaf at a time', async () => {
    const memory = new MemoryTree();
    expect((await memory.tree.root(0)).toString('hex')).toBe(vectors.roots[0]);
    for (const [i, leaf] of leaves.entries()) {
      memory.append([leaf]);
      for (let size = 0; size <= i + 1; size++) {
        expect((await memory.tree.root(size)).toString('hex')).toBe(vectors.roots[size]);
      }
    }
  });

  it.each(vectors.inclusion)('inclusion proof of leaf $leafIndex in $treeSize', async (v) => {
    const proof = await treeOf(leaves).tree.inclusionProof(v.leafIndex, v.treeSize);
    expect(proof.leafHash.toString('hex')).toBe(v.leafHash);
    expect(hex(proof.hashes)).toEqual(v.proof);
  });

  it.each(vectors.consistency)('consistency proof $size1 → $size2', async (v) => {
    const proof = await treeOf(leaves).tree.consistencyProof(v.size1, v.size2);
    expect(hex(proof.hashes)).toEqual(v.proof);
  });
});

describe('RFC 9162 tree, every size up to 64', () => {
  const leaves = Array.from({ length: 64 }, (_, i) => leafData(i));
  const memory = treeOf(leaves);

  it('roots of sizes 0..64 are MTH', async () => {
    for (let n = 0; n <= 64; n++) {
      expect((await memory.tree.root(n)).equals(mth(leaves.slice(0, n)))).toBe(true);
    }
  });

  it("every leaf's inclusion proof in every size is PATH, and sigstore accepts it", async () => {
    for (let n = 1; n <= 64; n++) {
      const root = mth(leaves.slice(0, n));
      for (let m = 0; m < n; m++) {
        const proof = await memory.tree.inclusionProof(m, n);
        expect(hex(proof.hashes)).toEqual(hex(path(m, leaves.slice(0, n))));
        expect(proof.leafHash.equals(leafHash(leaves[m]))).toBe(true);
        sigstoreAccepts(leaves[m], m, n, proof.hashes, root);
      }
    }
  });

  it('sigstore refuses a proof for the wrong leaf or a changed hash', async () => {
    const proof = await memory.tree.inclusionProof(5, 37);
    const root = mth(leaves.slice(0, 37));
    expect(() => sigstoreAccepts(leaves[6], 5, 37, proof.hashes, root)).toThrow();
    const changed = proof.hashes.map((h, i) => (i === 2 ? leafHash(h) : h));
    expect(() => sigstoreAccepts(leaves[5], 5, 37, changed, root)).toThrow();
  });

  it('every pair of sizes has the consistency proof PROOF(m, D[n])', async () => {
    for (let n = 1; n <= 64; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await memory.tree.consistencyProof(m, n);
        expect(hex(proof.hashes)).toEqual(hex(subproof(m, leaves.slice(0, n), true)));
      }
    }
  });

  it('refuses proofs outside the tree', async () => {
    await expect(memory.tree.inclusionProof(64, 64)).rejects.toThrow(RangeError);
    await expect(memory.tree.inclusionProof(-1, 3)).rejects.toThrow(RangeError);
    await expect(memory.tree.consistencyProof(0, 3)).rejects.toThrow(RangeError);
    await expect(memory.tree.consistencyProof(4, 3)).rejects.toThrow(RangeError);
  });
});

describe('RFC 9162 tree, larger sizes (property-based)', () => {
  const leaves = Array.from({ length: 3000 }, (_, i) => leafData(i));
  const memory = treeOf(leaves);

  it('inclusion and consistency proofs match the RFC definitions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 65, max: 3000 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.integer({ min: 0, max: n - 1 }),
              fc.integer({ min: 1, max: n }),
            ),
          ),
        async ([n, m, from]) => {
          const prefix = leaves.slice(0, n);
          const inclusion = await memory.tree.inclusionProof(m, n);
          expect(hex(inclusion.hashes)).toEqual(hex(path(m, prefix)));
          sigstoreAccepts(leaves[m], m, n, inclusion.hashes, mth(prefix));
          const consistency = await memory.tree.consistencyProof(from, n);
          expect(hex(consistency.hashes)).toEqual(hex(subproof(from, prefix, true)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('appending in any batches stores the same tree as appending at once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 30 }), (batches) => {
        const total = batches.reduce((a, b) => a + b, 0);
        const batched = new MemoryTree();
        let start = 0;
        for (const size of batches) {
          batched.append(leaves.slice(start, start + size));
          start += size;
        }
        expect(new Map([...batched.nodes].map(([k, v]) => [k, v.hash.toString('hex')]))).toEqual(
          new Map(
            [...treeOf(leaves.slice(0, total)).nodes].map(([k, v]) => [k, v.hash.toString('hex')]),
          ),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('a proof reads O(log n) nodes, not n', async () => {
    const big = new MemoryTree();
    big.append(Array.from({ length: 1 << 14 }, (_, i) => leafData(i)).concat([leafData(-1)]));
    big.reads = 0;
    await big.tree.inclusionProof(1234, big.size);
    await big.tree.consistencyProof(999, big.size);
    await big.tree.root(big.size);
    expect(big.reads).toBeLessThanOrEqual(3 * 2 * 16);
  });
});
