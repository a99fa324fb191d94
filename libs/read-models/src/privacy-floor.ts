import type { Outcome } from '@recourse/domain';
import type { OutcomeStatsGroup } from './outcome-stats';

/** Every count and figure of a group, or null when the privacy floor hides them. */
export type ShownStatsGroup = {
  [field in keyof OutcomeStatsGroup]: field extends 'key'
    ? OutcomeStatsGroup['key']
    : field extends 'byOutcome'
      ? Record<Outcome, number> | null
      : OutcomeStatsGroup[field] | null;
} & {
  /** fewer cases than the policy's privacy.minGroupSize: nothing but the key is shown */
  belowPrivacyFloor: boolean;
};

/**
 * Statistics as shown to anyone but oversight: a group with fewer than `minGroupSize` cases is
 * not shown by count (nor by any figure computed from so few cases, which could single a
 * person out); oversight sees every group as it is.
 */
export function withPrivacyFloor(
  groups: readonly OutcomeStatsGroup[],
  minGroupSize: number,
): ShownStatsGroup[] {
  return groups.map((group) =>
    group.total >= minGroupSize
      ? { ...group, belowPrivacyFloor: false }
      : {
          key: group.key,
          total: null,
          decided: null,
          byOutcome: null,
          overturnRate: null,
          onTimeRate: null,
          medianSecondsToDecision: null,
          open: null,
          overdue: null,
          escalated: null,
          belowPrivacyFloor: true,
        },
  );
}
