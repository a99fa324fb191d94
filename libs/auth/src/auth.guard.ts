import {
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RecourseConfig } from '@recourse/config';
import { CONFIG } from '@recourse/infrastructure';
import { ACTOR_KEY, ALLOWED_ROLES, IS_PUBLIC, type RequestWithActor } from './decorators';
import type { TokenRole } from './roles';
import {
  createTokenVerifier,
  InvalidToken,
  KeySetUnavailable,
  type TokenVerifier,
} from './token-verifier';

interface HttpRequest extends RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
}

interface HttpResponse {
  setHeader(name: string, value: string): void;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/** Global: every route needs a valid bearer token unless @Public(); @Roles() narrows who may call. */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly verify: TokenVerifier;

  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) config: RecourseConfig,
  ) {
    this.verify = createTokenVerifier(config.auth, config.tokens);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<HttpRequest>();
    const response = context.switchToHttp().getResponse<HttpResponse>();
    const actor = await this.authenticate(request.headers.authorization, response);
    request[ACTOR_KEY] = actor;

    const allowed = this.reflector.getAllAndOverride<TokenRole[] | undefined>(
      ALLOWED_ROLES,
      targets,
    );
    if (allowed && !allowed.includes(actor.role as TokenRole)) {
      throw new ForbiddenException(`the ${actor.role} role may not do this`);
    }
    return true;
  }

  private async authenticate(header: string | string[] | undefined, response: HttpResponse) {
    const token = typeof header === 'string' ? BEARER.exec(header.trim())?.[1] : undefined;
    if (!token) {
      response.setHeader('WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('an "Authorization: Bearer <token>" header is required');
    }
    try {
      return await this.verify(token);
    } catch (error) {
      if (error instanceof KeySetUnavailable) {
        throw new ServiceUnavailableException(
          "the identity provider's key set is unavailable, so no token can be verified; retry later",
          { cause: error },
        );
      }
      if (!(error instanceof InvalidToken)) throw error;
      response.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException(error.message);
    }
  }
}
