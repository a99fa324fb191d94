export {
  EMPTY_ROOT,
  HASH_BYTES,
  consistencyRanges,
  foldSubtrees,
  inclusionRanges,
  leafHash,
  nodeHash,
  nodeKey,
  splitPoint,
  subtreesOf,
  type LeafRange,
  type NodeId,
} from './merkle';
export {
  MerkleTree,
  appendLeaves,
  frontierAfter,
  frontierOf,
  type ConsistencyProof,
  type InclusionProof,
  type NodeReader,
  type StoredNode,
} from './tree';
export {
  checkpointBody,
  isValidKeyName,
  keyHash,
  noteSigner,
  rawPublicKey,
  type NoteSigner,
} from './note';
