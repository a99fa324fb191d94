import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { MAX_JSON_DEPTH, nestsDeeperThan, textViolations } from '@recourse/contracts';
import { validationFailed } from './validation';

interface HttpRequest {
  body?: unknown;
  query?: unknown;
  params?: unknown;
}

/**
 * The rules of a request that no DTO can express, on every route, before the Idempotency-Key
 * fingerprint or any pipe reads it. One interceptor rather than one per rule: each layer costs
 * every request an rxjs chain and an AsyncResource.bind.
 *
 * 1. A JSON body nested deeper than MAX_JSON_DEPTH is refused (400) before anything recursive
 *    reads it: Nest's ValidationPipe and class-transformer recurse without a bound and would
 *    overflow the stack (a 500) on a 64 KiB body of brackets.
 * 2. The text rules, on every part of a request (body, query, path): NUL and lone surrogates
 *    anywhere (PostgreSQL would answer 500) and prototype keys (dropped silently by
 *    class-transformer) are refused with 400 naming the field.
 */
@Injectable()
export class RequestRulesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { body, query, params } = context.switchToHttp().getRequest<HttpRequest>();
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      throw new BadRequestException(`the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    const violations = [
      ...textViolations(params),
      ...textViolations(query),
      ...textViolations(body),
    ];
    if (violations.length > 0) throw validationFailed(violations);
    return next.handle();
  }
}
