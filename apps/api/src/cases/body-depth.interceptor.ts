import {
  BadRequestException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Observable } from 'rxjs';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '@recourse/contracts';

/**
 * Refuses (400) a JSON body nested deeper than MAX_JSON_DEPTH before anything recursive reads it:
 * Nest's ValidationPipe and class-transformer recurse without a bound and would overflow the stack
 * (a 500) on a 64 KiB body of brackets. Interceptors run before pipes, so this comes first.
 */
@Injectable()
export class BodyDepthInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { body } = context.switchToHttp().getRequest<{ body?: unknown }>();
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      throw new BadRequestException(`the JSON body nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    return next.handle();
  }
}
