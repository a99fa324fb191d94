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

/** OpenAPI: the ETag header of every answer about one case. */
export const ETAG_HEADER = {
  ETag: {
    description: 'the case revision, "<revision>" (strong); If-Match and If-None-Match take it',
    schema: { type: 'string', example: '"3"' },
  },
};

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
