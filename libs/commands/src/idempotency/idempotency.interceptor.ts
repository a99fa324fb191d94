import {
  ConflictException,
  HttpException,
  HttpStatus,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Actor } from '@recourse/domain';
import {
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENT_REPLAYED_HEADER,
  IDEMPOTENT_REQUEST_ID,
  parseIdempotencyKey,
  type RequestWithIdempotency,
} from './idempotency-key';
import { IdempotencyStore, type StoredResponse } from './idempotency.store';

interface HttpRequest extends RequestWithIdempotency {
  method: string;
  originalUrl: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** left by the global auth guard */
  actor?: Actor;
}

interface HttpResponse {
  statusCode: number;
  getHeader(name: string): number | string | string[] | undefined;
  setHeader(name: string, value: string): void;
  status(code: number): void;
}

/** Response headers that are part of the answer and replayed with it. */
const REPLAYED_HEADERS = ['etag', 'location'];

/**
 * Idempotency-Key on every POST (draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key runs and its successful answer is kept; a retry with the same key and the same
 * request (method, path, SHA-256 of the canonical JSON body) gets that answer again, with
 * `Idempotent-Replayed: true`, and runs nothing. The same key on a different request → 422;
 * a retry while the first is still running → 409. A failed request frees its key at once (a
 * retry keeps its request id, so it cannot append twice). Keys are scoped per caller (token `sub`).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    // public routes have no caller to scope keys to; they run as if no key was sent
    if (key === undefined || request.actor === undefined) return next.handle();
    const response = context.switchToHttp().getResponse<HttpResponse>();
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      HttpStatus.CREATED;
    return from(this.run(request.actor.id, key, request, response, statusCode, next));
  }

  private async run(
    callerId: string,
    key: string,
    request: HttpRequest,
    response: HttpResponse,
    statusCode: number,
    next: CallHandler,
  ): Promise<unknown> {
    const claim = await this.store.claim(callerId, key, fingerprint(request));
    switch (claim.outcome) {
      case 'mismatch':
        throw new HttpException(
          'this Idempotency-Key was already used for a different request (method, path or body)',
          HttpStatus.UNPROCESSABLE_ENTITY,
        );
      case 'in-flight':
        throw new ConflictException(
          'a request with this Idempotency-Key is still being processed; retry later',
        );
      case 'completed':
        return replay(claim.response, response);
      case 'claimed':
        request[IDEMPOTENT_REQUEST_ID] = claim.requestId;
        break;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(callerId, key, {
        statusCode,
        headers: answerHeaders(response),
        body,
      });
      return body;
    } catch (error) {
      // whether the command failed or only keeping its answer did, a retry runs under the same
      // request id and so answers what this attempt appended, if anything
      await this.store.release(callerId, key);
      throw error;
    }
  }
}

/** method + path + SHA-256 of the body in RFC 8785 canonical JSON (so key order is irrelevant) */
function fingerprint(request: HttpRequest): string {
  const body = canonicalize(request.body ?? null) ?? '';
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return `${request.method} ${request.originalUrl} ${bodyHash}`;
}

function answerHeaders(response: HttpResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = response.getHeader(name);
    if (value !== undefined) headers[name] = String(value);
  }
  return headers;
}

function replay(stored: StoredResponse, response: HttpResponse): unknown {
  for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
  response.setHeader(IDEMPOTENT_REPLAYED_HEADER, 'true');
  response.status(stored.statusCode);
  return stored.body;
}
