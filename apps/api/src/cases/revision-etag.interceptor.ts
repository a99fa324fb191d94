import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { map, type Observable } from 'rxjs';

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

/** Sends the case's new revision as a strong ETag, `"<revision>"`, the value If-Match takes. */
@Injectable()
export class RevisionETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<HttpResponse>();
    return next.handle().pipe(
      map((body: unknown) => {
        const revision = (body as { revision?: unknown } | undefined)?.revision;
        if (typeof revision === 'number') response.setHeader('ETag', `"${revision}"`);
        return body;
      }),
    );
  }
}
