import { createHash, hash } from 'node:crypto';

/**
 * RFC 9162 §2.1 Merkle tree hashing and proofs, expressed over complete subtrees so that a store
 * of those subtrees answers any root or proof in O(log n) reads.
 *
 * A complete subtree is a node (level, index): it covers leaves [index·2^level, (index+1)·2^level).
 * Every range the RFC's recursive definitions hash, D[k·2^j : min(n, (k+1)·2^j)], is a run of
 * complete subtrees (the binary decomposition of its length), hashed right to left.
 */

export interface NodeId {
  level: number;
  index: number;
}

/** A range of leaves [start, end) whose hash a proof or root needs. */
export interface LeafRange {
  start: number;
  end: number;
}

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

// one-shot hash() over the concatenation: half the cost of a createHash() object per hash
export function leafHash(data: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF_PREFIX, data]), 'buffer');
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
}

/** MTH({}) = SHA-256 of the empty string */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

/** the largest power of two smaller than n (n > 1): the RFC's split point k */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The complete subtrees that make up [start, end), left to right, largest first. `start` must be
 * a multiple of the largest power of two not above end − start (true of every range the RFC
 * recursion produces, and of [0, n)).
 */
export function subtreesOf(range: LeafRange): NodeId[] {
  const nodes: NodeId[] = [];
  let start = range.start;
  let remaining = range.end - range.start;
  while (remaining > 0) {
    let size = 1;
    let level = 0;
    while (size * 2 <= remaining) {
      size *= 2;
      level += 1;
    }
    nodes.push({ level, index: start / size });
    start += size;
    remaining -= size;
  }
  return nodes;
}

/** MTH of a range from its complete subtrees' hashes (left to right): folded right to left. */
export function foldSubtrees(hashes: readonly Uint8Array[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let acc: Buffer = Buffer.from(hashes[hashes.length - 1]);
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i], acc);
  return acc;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]): the ranges whose hashes form the inclusion proof, leaf up. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(index >= 0 && index < size)) {
    throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  }
  const ranges: LeafRange[] = [];
  let start = 0;
  let n = size;
  let m = index;
  // walk down from the root; the proof lists siblings from the leaf up, so prepend
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      ranges.unshift({ start: start + k, end: start + n });
      n = k;
    } else {
      ranges.unshift({ start, end: start + k });
      start += k;
      n -= k;
      m -= k;
    }
  }
  return ranges;
}

/**
 * RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true): the ranges whose hashes form the
 * consistency proof. Empty when m = n; 0 < m ≤ n.
 */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  if (!(from > 0 && from <= to)) {
    throw new RangeError(`no consistency proof from size ${from} to size ${to}`);
  }
  const ranges: LeafRange[] = [];
  let start = 0;
  let n = to;
  let m = from;
  let whole = true; // b in the RFC: m is still the whole of the old tree
  while (m !== n) {
    const k = splitPoint(n);
    if (m <= k) {
      ranges.unshift({ start: start + k, end: start + n });
      n = k;
    } else {
      ranges.unshift({ start, end: start + k });
      start += k;
      n -= k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) ranges.unshift({ start, end: start + n });
  return ranges;
}

/** Stable key of a node, for maps and SQL batches. */
export const nodeKey = (node: NodeId): string => `${node.level}/${node.index}`;
