import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { from, switchMap, type Observable } from 'rxjs';
import type { RequestWithActor } from '@recourse/auth';
import { StaffDirectory } from './staff-directory';

/** Every staff caller is recorded in the staff directory (once per process) before their request runs. */
@Injectable()
export class StaffRecorderInterceptor implements NestInterceptor {
  constructor(private readonly directory: StaffDirectory) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { actor } = context.switchToHttp().getRequest<RequestWithActor>();
    // most requests (citizens, staff already recorded) go straight on, without a promise
    if (actor === undefined || !this.directory.isNew(actor)) return next.handle();
    return from(this.directory.seen(actor)).pipe(switchMap(() => next.handle()));
  }
}
