import { loadPolicy, type Policy } from './policy';

/** The policy of DESIGN.md, used when RECOURSE_POLICY names no file. */
export const examplePolicyJson = {
  version: 'example-1',
  calendars: {
    cn: { timeZone: 'Asia/Shanghai', weekend: [6, 7], holidays: ['2026-10-01'] },
  },
  authorities: [
    {
      id: 'zhengzhou-health',
      name: 'Zhengzhou Health Commission',
      calendar: 'cn',
      escalatesTo: 'henan-health',
    },
    {
      id: 'henan-health',
      name: 'Henan Provincial Health Commission',
      calendar: 'cn',
      escalatesTo: 'national-ombudsman',
    },
    { id: 'national-ombudsman', name: 'National Ombudsman', calendar: 'cn' },
  ],
  deadlines: {
    appeal: {
      standard: { acknowledge: 'P2WD', respond: 'P15WD' },
      urgent: { acknowledge: 'PT4H', respond: 'PT24H' },
    },
    petition: { standard: { acknowledge: 'P5WD', respond: 'P20WD' } },
    escalated: { acknowledge: 'P2WD', respond: 'P10WD' },
  },
  escalation: { onMissedDeadline: true, citizenWindow: 'P15D' },
  petition: { supportThreshold: 100 },
  alerts: { window: 'PT1H', minCases: 10, factor: 5 },
  privacy: { minGroupSize: 5 },
  // two calendar years after a citizen's last case ends
  retention: { personalData: 'P2Y' },
} as const;

export const examplePolicy: Policy = loadPolicy(examplePolicyJson);
