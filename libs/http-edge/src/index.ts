// The HTTP edge both apps share: problem+json answers, the filter that maps every error to one,
// and the readiness checks behind /health/ready.
export { HIDDEN_CASE_CODES, statusOfDomainCode } from './domain-error-status';
export * from './problem-details';
export { ProblemDetailsFilter, RETRY_AFTER_SECONDS, toProblem } from './problem-details.filter';
export * from './readiness';
