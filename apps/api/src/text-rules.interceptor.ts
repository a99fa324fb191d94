import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { textViolations } from '@recourse/contracts';
import { validationFailed } from './validation';

interface HttpRequest {
  body?: unknown;
  query?: unknown;
  params?: unknown;
}

/**
 * The text rules no DTO can express, on every route and every part of a request (body, query,
 * path): NUL and lone surrogates anywhere (PostgreSQL would answer 500) and prototype keys
 * (dropped silently by class-transformer) are refused with 400 naming the field, before the
 * Idempotency-Key fingerprint or any pipe reads the request.
 */
@Injectable()
export class TextRulesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { body, query, params } = context.switchToHttp().getRequest<HttpRequest>();
    const violations = [
      ...textViolations(params),
      ...textViolations(query),
      ...textViolations(body),
    ];
    if (violations.length > 0) throw validationFailed(violations);
    return next.handle();
  }
}
