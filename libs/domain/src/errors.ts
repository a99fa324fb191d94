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
