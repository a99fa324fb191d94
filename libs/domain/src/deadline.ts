import type { DeadlineKind } from './events';

/** A day the working-day count passed over, in the calendar's local date. */
export interface SkippedDay {
  date: string; // yyyy-mm-dd, local to the calendar
  reason: 'weekend' | 'holiday';
}

/** A stretch during which the response clock stood still. */
export interface Pause {
  from: string; // ISO instant
  to: string; // ISO instant
  reason: string;
  /** paused time in the rule's unit, e.g. "P3WD" for working-day rules, "PT5H" otherwise */
  length: string;
}

/**
 * A deadline as computed when the command ran. Stored in the event and never recomputed on
 * replay, so a later policy change does not rewrite history. It carries its own explanation.
 */
export interface Deadline {
  kind: DeadlineKind;
  due: string; // ISO instant (UTC)
  start: string; // ISO instant the clock started
  rule: string; // ISO 8601 duration, with WD for working days: "P15WD", "PT24H"
  calendar: string; // calendar id in the policy
  timeZone: string; // IANA zone of that calendar
  policyVersion: string;
  skipped: SkippedDay[];
  pauses: Pause[];
}
