export { migrateTransparencyLog, TRANSPARENCY_LOG_MIGRATIONS } from './schema';
export {
  appendToTree,
  insertNodes,
  merkleTreeOf,
  readTreeEdge,
  readTreeHead,
  SqlNodeReader,
  type TreeEdge,
  type TreeHead,
} from './tree-store';
export { TreeProjector, type TreeProjectorOptions } from './tree-projector';
export {
  checkpointsAfter,
  latestCheckpoint,
  signCheckpoint,
  type StoredCheckpoint,
} from './checkpoints';
export { CheckpointSigner } from './checkpoint-signer';
export { TransparencyLogModule, TransparencyLogRuntime } from './transparency-log.module';
export { leavesBetween, logIndexAt, logIndexAfter } from './leaves';
