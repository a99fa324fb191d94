/**
 * The partition a stream's events go through: FNV-1a over the stream name, so every process
 * (feeders, workers, restarts, other languages) agrees without coordination.
 */
export function partitionOf(stream: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < stream.length; i++) {
    hash ^= stream.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % partitions;
}
