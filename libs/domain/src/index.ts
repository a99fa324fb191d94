export * from './events';
export * from './alerts';
export * from './deadline';
export * from './commands';
export * from './clock';
export * from './errors';
export * from './personal';
export { hasVisibleText } from './visible-text';
export { personalValuesOf, dataSubjectOf, sealCommand } from './personal-fields';
export {
  parseRule,
  fixedDurationMs,
  formatDuration,
  describeRule,
  DurationError,
  type ParsedRule,
} from './duration';
export {
  loadPolicy,
  PolicyError,
  findAuthority,
  calendarOf,
  type Policy,
  type Calendar,
  type Authority,
  type DeadlineRules,
} from './policy';
export { examplePolicy, examplePolicyJson } from './example-policy';
export {
  computeDeadline,
  resumeDeadline,
  explainDeadline,
  dueAfter,
  localInstant,
  workingDaysBefore,
} from './deadline-policy';
export {
  parseRetentionRule,
  retentionDueAt,
  retentionEndedBy,
  subjectRetention,
  type CaseRetention,
  type RetentionRule,
  type SubjectRetention,
} from './retention';
export {
  initialState,
  evolve,
  fold,
  INFORMATION_PAUSE_REASON,
  type CaseState,
  type CaseDecision,
  type MissedDeadline,
} from './case-state';
export { decide, type DecideContext } from './decide';
export { nextStep, type NextStep } from './next-step';
export {
  caseAccess,
  mayWorkQueue,
  mayReadNote,
  maySign,
  type CaseAccess,
  type CaseAudience,
} from './case-access';
export {
  OPEN_STATUSES,
  ENDED_STATUSES,
  isOpen,
  hasEnded,
  statusAfter,
  type CaseStatus,
} from './status';
export {
  deadlineRuns,
  runningDeadline,
  runningClocks,
  type RunningDeadline,
  type RunningClock,
} from './running-deadline';
