import { HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

/** RFC 9457 problem details, the body of every error response. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** validation only: which field is wrong and why (nested fields as `decision.automation`) */
  errors?: FieldError[];
  instance?: string;
  /** extension members (correlationId, currentRevision, …) */
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const PROBLEM_BASE = 'https://recourse.example/problems/';

/** the type URI of a Recourse-specific problem, e.g. problemType('case-not-found') */
export const problemType = (code: string): string => `${PROBLEM_BASE}${code}`;

/** a problem whose meaning is just its HTTP status (RFC 9457 §4.2.1: about:blank, title = status phrase) */
export function statusProblem(status: number, detail?: string): ProblemDetails {
  const title = STATUS_CODES[status] ?? 'Error';
  return { type: 'about:blank', title, status, detail: detail ?? title };
}

/**
 * An unknown case and a case the caller may not see answer with the same body, byte for byte,
 * so a 404 never reveals that a case exists.
 */
export const caseNotFoundProblem = (): ProblemDetails => ({
  type: problemType('case-not-found'),
  title: 'Case not found',
  status: HttpStatus.NOT_FOUND,
  detail: 'There is no case with this id that you may see.',
});
