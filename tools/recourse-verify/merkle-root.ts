import { createHash } from 'node:crypto';

/**
 * The RFC 9162 §2.1 root of a growing list of leaves, kept as the stack of complete subtrees
 * along its right edge: O(log n) memory, so an export of any length streams through.
 */
export class MerkleRoot {
  private readonly stack: { size: number; hash: Buffer }[] = [];
  size = 0;

  add(leaf: Uint8Array): void {
    let node = { size: 1, hash: sha256(Buffer.from([0x00]), leaf) };
    while (this.stack.length && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { size: node.size * 2, hash: sha256(Buffer.from([0x01]), left.hash, node.hash) };
    }
    this.stack.push(node);
    this.size += 1;
  }

  /** MTH of the leaves so far: the subtrees folded right to left (SHA-256("") when empty) */
  root(): Buffer {
    if (this.stack.length === 0) return sha256();
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) {
      hash = sha256(Buffer.from([0x01]), this.stack[i].hash, hash);
    }
    return hash;
  }
}

function sha256(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}
