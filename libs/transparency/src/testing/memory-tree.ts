import { nodeKey, type NodeId } from '../merkle';
import { appendLeaves, frontierOf, MerkleTree, type NodeReader, type StoredNode } from '../tree';

/** A node store in a Map, for unit tests of the tree's logic (the real one is in PostgreSQL). */
export class MemoryTree implements NodeReader {
  readonly nodes = new Map<string, StoredNode>();
  readonly tree = new MerkleTree(this);
  reads = 0;
  size = 0;

  append(leaves: readonly Uint8Array[]): void {
    const frontier = frontierOf(this.size).map((id) => this.get(id));
    for (const node of appendLeaves(this.size, frontier, leaves)) {
      this.nodes.set(nodeKey(node), node);
    }
    this.size += leaves.length;
  }

  async readNodes(ids: readonly NodeId[]): Promise<StoredNode[]> {
    this.reads += ids.length;
    return ids.map((id) => this.get(id));
  }

  private get(id: NodeId): StoredNode {
    const node = this.nodes.get(nodeKey(id));
    if (!node) throw new Error(`no node ${nodeKey(id)}`);
    return node;
  }
}
