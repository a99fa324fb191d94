import type { FileCase } from '@recourse/domain';

/** Shared example data for tests and benchmarks: the case of DESIGN.md, a red health code. */
export const EXAMPLE_AUTHORITY = 'zhengzhou-health';

export const contestedDecision = () => ({
  reference: 'HC-2026-0613-88121',
  type: 'health-code',
  outcome: 'red',
  issuedAt: '2026-06-13T08:10:00Z',
  statedReason: null,
  location: 'Zhengzhou East Station',
  automation: 'full' as const,
});

const grounds =
  'My code turned red after scanning a station QR code; I have no infection or contact.';
const remedy = 'Restore my code to green and explain the decision.';
const appellant = () => ({ name: 'Liu', contact: 'liu@example.org' });

/** The body of `POST /v1/cases` filing an appeal, typed as written. */
export const appealExample = () => ({
  kind: 'appeal' as const,
  authorityId: EXAMPLE_AUTHORITY,
  priority: 'urgent' as const,
  decision: contestedDecision(),
  grounds,
  remedy,
  appellant: appellant(),
});

/** The same body with fields replaced or added, for refusals and variations. */
export function appealBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...appealExample(), ...overrides };
}

/** The domain command filing an appeal, for tests that append without HTTP. */
export function fileAppealCommand(caseId: string, overrides: Partial<FileCase> = {}): FileCase {
  return {
    type: 'FileCase',
    caseId,
    reference: `RC-2026-${caseId.slice(0, 8)}`,
    kind: 'appeal',
    authorityId: EXAMPLE_AUTHORITY,
    priority: 'standard',
    appellant: appellant(),
    decision: contestedDecision(),
    grounds,
    remedy,
    ...overrides,
  };
}
