/**
 * A wave of appeals against one authority's decisions of one type crossed the policy's `alerts`
 * rule: recorded once per wave in the authority's alerts stream, so that the alert itself is in
 * the tamper-evident log and cannot be quietly dropped.
 */
export interface AppealWaveDetected {
  type: 'AppealWaveDetected';
  data: {
    /** the authority that made the contested decisions */
    authorityId: string;
    decisionType: string;
    /** the window counted: (from, to], to being the filing that crossed the rule */
    from: string;
    to: string;
    /** appeals filed in the window */
    count: number;
    /** average appeals per window over the 24 windows before it */
    baseline: number;
    /** count / max(baseline, 1): how many times the usual rate */
    factor: number;
  };
}

export const alertStreamName = (authorityId: string): string => `alerts-${authorityId}`;
