export { migrateReadModels, READ_MODEL_MIGRATIONS, PROJECTED_TABLES } from './migrations';
export {
  projectEvent,
  nextDue,
  type CaseRecord,
  type ExplainedDeadline,
  type Projected,
} from './case-record';
export { applyEvents, applyEvent, applyEventsInBulk, BULK_KEYED_TABLES } from './apply-events';
export { OutOfOrderEvent } from './out-of-order-event';
export {
  ALL_CHECKPOINT,
  partitionCheckpoint,
  advanceCheckpoint,
  advanceOverRun,
  currentPosition,
  checkpointAges,
  readModelsChannel,
  readFeederCheckpoint,
  adoptFeed,
  saveFeederCheckpoint,
  clearFeederCheckpoint,
  type FeederCheckpoint,
  type PartitionRun,
} from './checkpoint';
export {
  getCase,
  getCaseWithKeys,
  getCaseSummary,
  caseOwner,
  listMine,
  queue,
  isUuid,
  InvalidCursor,
  encodeCursor,
  decodeCursor,
  type CaseSummary,
  type CaseView,
  type TimelineItem,
  type InternalNote,
  type QueueFilters,
  type QueuePage,
} from './queries';
export { claimNext, type AssignThroughCommand, type ClaimOptions } from './claim';
export {
  outcomeStats,
  STATS_GROUPINGS,
  type StatsGrouping,
  type OutcomeStatsFilter,
  type OutcomeStatsGroup,
} from './outcome-stats';
export {
  appealWaves,
  BASELINE_WINDOWS,
  BASELINE_FLOOR,
  type AppealWave,
  type AppealWaveRule,
} from './appeal-waves';
export { BACKFILL_CASE_STINTS } from './authority-stints.migration';
export { BACKFILL_COUNTS } from './counts.migration';
export { BACKFILL_NEXT_DUE } from './next-due.migration';
export { projectedRevisions } from './projected-revisions';
export { ReadModelsModule, READ_MODELS_READY } from './read-models.module';
export { withPrivacyFloor, type ShownStatsGroup } from './privacy-floor';
export { publicPetitions, publicPetition, type PublicPetition } from './public-petitions';
