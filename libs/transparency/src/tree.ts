import {
  consistencyRanges,
  foldSubtrees,
  inclusionRanges,
  leafHash,
  nodeHash,
  nodeKey,
  subtreesOf,
  type LeafRange,
  type NodeId,
} from './merkle';

export interface StoredNode extends NodeId {
  hash: Buffer;
}

/** Reads stored complete-subtree hashes; one call per root or proof. */
export interface NodeReader {
  /** every node asked for; a missing one is an error (the tree is smaller than asked) */
  readNodes(nodes: readonly NodeId[]): Promise<StoredNode[]>;
}

export interface InclusionProof {
  logIndex: number;
  treeSize: number;
  leafHash: Buffer;
  hashes: Buffer[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  hashes: Buffer[];
}

/**
 * Roots and proofs of any size up to what the store holds, from stored complete subtrees: each
 * answer reads O(log n) nodes in one call (a proof has O(log n) ranges, each range is at most
 * log n subtrees, and only the one range at the tree's right edge is not a single subtree).
 */
export class MerkleTree {
  constructor(private readonly reader: NodeReader) {}

  async root(size: number): Promise<Buffer> {
    const [root] = await this.hashRanges([{ start: 0, end: size }]);
    return root;
  }

  async inclusionProof(logIndex: number, treeSize: number): Promise<InclusionProof> {
    const ranges = [{ start: logIndex, end: logIndex + 1 }, ...inclusionRanges(logIndex, treeSize)];
    const [leaf, ...hashes] = await this.hashRanges(ranges);
    return { logIndex, treeSize, leafHash: leaf, hashes };
  }

  async consistencyProof(from: number, to: number): Promise<ConsistencyProof> {
    return { from, to, hashes: await this.hashRanges(consistencyRanges(from, to)) };
  }

  private async hashRanges(ranges: LeafRange[]): Promise<Buffer[]> {
    const perRange = ranges.map(subtreesOf);
    const wanted = new Map<string, NodeId>();
    for (const node of perRange.flat()) wanted.set(nodeKey(node), node);
    const found = new Map(
      (await this.reader.readNodes([...wanted.values()])).map((n) => [nodeKey(n), n.hash]),
    );
    return perRange.map((nodes) =>
      foldSubtrees(
        nodes.map((node) => {
          const hash = found.get(nodeKey(node));
          if (!hash) throw new Error(`tree node ${nodeKey(node)} is not stored`);
          return hash;
        }),
      ),
    );
  }
}

/** The complete subtrees along the right edge of a tree of `size` leaves: what appending needs. */
export const frontierOf = (size: number): NodeId[] => subtreesOf({ start: 0, end: size });

/**
 * Appends leaves to a tree of `size` leaves whose frontier (frontierOf(size), with hashes) is
 * given: returns every complete subtree the new leaves complete, for the store to keep. Pure,
 * so a batch of events costs one frontier read and one write.
 */
export function appendLeaves(
  size: number,
  frontier: readonly StoredNode[],
  leaves: readonly Uint8Array[],
): StoredNode[] {
  const stack = frontier.map((node) => ({ ...node }));
  const created: StoredNode[] = [];
  leaves.forEach((data, offset) => {
    let node: StoredNode = { level: 0, index: size + offset, hash: leafHash(data) };
    created.push(node);
    // a right child completes its parent, which may be a right child in turn
    while (node.index % 2 === 1) {
      const left = stack.pop();
      if (!left || left.level !== node.level || left.index !== node.index - 1) {
        throw new Error(`frontier does not match a tree of size ${size}`);
      }
      node = { level: node.level + 1, index: left.index / 2, hash: nodeHash(left.hash, node.hash) };
      created.push(node);
    }
    stack.push(node);
  });
  return created;
}

/** The frontier after appendLeaves, from the frontier before and the nodes that call created. */
export function frontierAfter(
  size: number,
  before: readonly StoredNode[],
  created: readonly StoredNode[],
): StoredNode[] {
  const byKey = new Map([...before, ...created].map((node) => [nodeKey(node), node]));
  return frontierOf(size).map((id) => {
    const node = byKey.get(nodeKey(id));
    if (!node) throw new Error(`tree node ${nodeKey(id)} is neither in the frontier nor new`);
    return node;
  });
}
