export { partitionOf } from './partition';
export {
  resolveProjectionOptions,
  partitionQueueName,
  DEAD_LETTER_QUEUE,
  epochKey,
  type ProjectionOptions,
  type ResolvedProjectionOptions,
} from './options';
export { toJobData, fromJobData, runOf, type EventJobData } from './event-job';
export { inBatches } from './in-batches';
export {
  followChain,
  followLog,
  delay,
  type FollowLogOptions,
  type FollowOptions,
} from './follow-log';
export { EmbeddedProjectionRunner } from './embedded-runner';
export { ProjectionFeeder } from './feeder';
export { ProjectionWorkers, type DeadLetter } from './projection-workers';
export {
  ProjectionsModule,
  ProjectionRuntime,
  PROJECTION_OPTIONS,
  type ProjectionModuleOptions,
} from './projections.module';
export { rebuildReadModels, type RebuildOptions, type RebuildProgress } from './rebuild';
export { DeadLetters, type DeadJob, type DeadLetterReport } from './dead-letters';
