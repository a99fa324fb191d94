import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity } from '@nestjs/swagger';
import type { Actor } from '@recourse/domain';
import type { TokenRole } from './roles';

export const IS_PUBLIC = 'recourse:public';
export const ALLOWED_ROLES = 'recourse:roles';

/**
 * The route needs no token (health, metrics, docs). OpenAPI: an empty security requirement, which
 * the document turns into `security: []`.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), ApiSecurity({}));

/** Only these roles may call the route (403 otherwise). On a class it applies to every route. */
export const Roles = (...roles: TokenRole[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ALLOWED_ROLES, roles),
    ApiForbiddenResponse({ description: `only for: ${roles.join(', ')}` }),
  );

/** The request's key under which the guard leaves the verified actor. */
export const ACTOR_KEY = 'actor';

export interface RequestWithActor {
  [ACTOR_KEY]?: Actor;
}

/** The caller as the domain sees it: { id, role, authorityId? }, from the verified token. */
export const CurrentActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor => {
    const actor = context.switchToHttp().getRequest<RequestWithActor>()[ACTOR_KEY];
    if (!actor) throw new Error('@CurrentActor() used on a @Public() route');
    return actor;
  },
);
