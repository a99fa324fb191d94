import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { isConnectionError } from '@recourse/database';
import { DomainError } from '@recourse/domain';
import {
  AppendTooLarge,
  StoreUnavailable,
  StreamDeleted,
  StreamNotFound,
  StreamTruncated,
  WrongExpectedRevision,
} from '@recourse/event-store';
import { correlationIdOf } from '@recourse/observability';
import { HIDDEN_CASE_CODES, statusOfDomainCode } from './domain-error-status';
import {
  caseNotFoundProblem,
  PROBLEM_CONTENT_TYPE,
  problemType,
  statusProblem,
  type ProblemDetails,
} from './problem-details';

/** what a 503 asks a client to wait: an outage this module sees is a restart or failover */
export const RETRY_AFTER_SECONDS = 2;

interface HttpRequest {
  originalUrl?: string;
  url?: string;
}

interface HttpResponse {
  headersSent: boolean;
  status(code: number): HttpResponse;
  setHeader(name: string, value: string): void;
  end(body?: string): void;
}

/** body-parser / http-errors errors: a client error with a status and a message safe to show */
interface ExposedHttpError {
  status: number;
  expose: true;
  type?: string;
  message: string;
}

/**
 * The one exception filter: every error leaves as RFC 9457 application/problem+json. Known
 * errors keep their meaning; anything else is a 500 whose body says nothing about internals
 * (no message, no stack) and whose log line carries the correlation id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<HttpRequest>();
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const correlationId = correlationIdOf(request);
    const problem = toProblem(exception);
    if (problem.status >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ err: exception, correlationId }, `request failed: ${problem.title}`);
    }
    if (response.headersSent) return;
    const body: ProblemDetails = {
      ...problem,
      instance: request.originalUrl ?? request.url,
      correlationId,
    };
    response.status(problem.status);
    if (problem.status === HttpStatus.SERVICE_UNAVAILABLE) {
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    response.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    response.end(JSON.stringify(body));
  }
}

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (exception instanceof DomainError) return fromDomainError(exception);
  if (exception instanceof StreamNotFound) return caseNotFoundProblem();
  if (exception instanceof WrongExpectedRevision) {
    return {
      ...statusProblem(
        HttpStatus.CONFLICT,
        'The case was changed by someone else at the same time; retry.',
      ),
      type: problemType('concurrent-modification'),
      title: 'Concurrent modification',
    };
  }
  // KurrentDB only: the case's stream was deleted or cut short by an operator, not by Recourse
  if (exception instanceof StreamDeleted || exception instanceof StreamTruncated) {
    return {
      ...statusProblem(
        HttpStatus.GONE,
        'The history of this case is no longer complete in the event store.',
      ),
      type: problemType(exception instanceof StreamDeleted ? 'case-deleted' : 'case-truncated'),
      title: exception instanceof StreamDeleted ? 'Case deleted' : 'Case history truncated',
    };
  }
  if (exception instanceof AppendTooLarge) {
    return {
      ...statusProblem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'The change is larger than the event store accepts at once.',
      ),
      type: problemType('append-too-large'),
      title: 'Append too large',
    };
  }
  // the event store, the read models, the idempotency keys or Redis out of reach: retryable
  if (exception instanceof StoreUnavailable || isConnectionError(exception)) {
    return {
      ...statusProblem(HttpStatus.SERVICE_UNAVAILABLE, 'A store is unavailable; retry later.'),
      type: problemType('store-unavailable'),
      title: 'Store unavailable',
    };
  }
  if (isExposedHttpError(exception)) return fromExposedHttpError(exception);
  return statusProblem(
    HttpStatus.INTERNAL_SERVER_ERROR,
    'An unexpected error occurred. Quote the correlation id when reporting it.',
  );
}

/**
 * HttpExceptions are mapped faithfully. A response object may carry problem members itself
 * (type, title, detail, errors, extensions); Nest's own {statusCode, message, error} become detail.
 */
function fromHttpException(exception: HttpException): ProblemDetails {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return statusProblem(status, response);
  const {
    statusCode: _statusCode,
    message,
    error: _error,
    ...members
  } = response as Record<string, unknown>;
  const detail =
    typeof members.detail === 'string'
      ? members.detail
      : Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : undefined;
  return { ...statusProblem(status, detail), ...members, status } as ProblemDetails;
}

function fromDomainError(error: DomainError): ProblemDetails {
  if (HIDDEN_CASE_CODES.includes(error.code)) return caseNotFoundProblem();
  const problem: ProblemDetails = {
    type: problemType(error.code),
    title: titleOf(error.code),
    status: statusOfDomainCode(error.code),
    detail: error.message,
  };
  return error.field
    ? { ...problem, errors: [{ field: error.field, message: error.message }] }
    : problem;
}

function isExposedHttpError(error: unknown): error is ExposedHttpError {
  const candidate = error as Partial<ExposedHttpError> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    candidate.expose === true &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500
  );
}

function fromExposedHttpError(error: ExposedHttpError): ProblemDetails {
  if (error.type === 'entity.too.large') {
    return statusProblem(HttpStatus.PAYLOAD_TOO_LARGE, 'The request body is larger than 64 KiB.');
  }
  if (error.type === 'entity.parse.failed') {
    return statusProblem(
      HttpStatus.BAD_REQUEST,
      `The request body is not valid JSON: ${error.message}`,
    );
  }
  return statusProblem(error.status, error.message);
}

/** 'case-already-decided' → 'Case already decided' */
function titleOf(code: string): string {
  const words = code.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
