/**
 * Stable codes for every refusal of the decider. The API maps each code to a problem type and an
 * HTTP status, so a code is never renamed once published.
 */
export const DOMAIN_ERROR_CODES = [
  'case-not-found',
  'case-already-exists',
  'invalid-transition',
  'reasons-required',
  'missing-field',
  'field-not-applicable',
  'invalid-outcome',
  'not-case-owner',
  'not-case-authority',
  'role-not-allowed',
  'caseworker-may-only-assign-self',
  'assignee-not-in-authority',
  'unknown-authority',
  'no-higher-authority',
  'escalation-window-closed',
  'escalation-not-allowed',
  'deadline-not-due',
  'deadline-not-standing',
  'deadline-already-recorded',
  'not-a-petition',
  'threshold-not-applicable',
  'response-clock-not-started',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/**
 * What kind of refusal each code is, for callers that map codes to responses:
 * `not-found` — no such case; `forbidden` — the actor may never do this; `not-yours` — the case
 * belongs to someone else (an API should answer as for an unknown case); `invalid-input` — the
 * command itself is wrong whatever the case; `conflict` — not allowed in the case's current state.
 */
export const DOMAIN_ERROR_CATEGORY: Record<
  DomainErrorCode,
  'not-found' | 'forbidden' | 'not-yours' | 'invalid-input' | 'conflict'
> = {
  'case-not-found': 'not-found',
  'case-already-exists': 'conflict',
  'invalid-transition': 'conflict',
  'reasons-required': 'invalid-input',
  'missing-field': 'invalid-input',
  'field-not-applicable': 'invalid-input',
  'invalid-outcome': 'invalid-input',
  'not-case-owner': 'not-yours',
  'not-case-authority': 'not-yours',
  'role-not-allowed': 'forbidden',
  'caseworker-may-only-assign-self': 'forbidden',
  'assignee-not-in-authority': 'conflict',
  'unknown-authority': 'invalid-input',
  'no-higher-authority': 'conflict',
  'escalation-window-closed': 'conflict',
  'escalation-not-allowed': 'conflict',
  'deadline-not-due': 'conflict',
  'deadline-not-standing': 'conflict',
  'deadline-already-recorded': 'conflict',
  'not-a-petition': 'conflict',
  'threshold-not-applicable': 'invalid-input',
  'response-clock-not-started': 'conflict',
};

/** A command the case refuses. `field` names the offending command field when there is one. */
export class DomainError extends Error {
  override readonly name = 'DomainError';

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
