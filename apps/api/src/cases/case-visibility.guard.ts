import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RequestWithActor } from '@recourse/auth';
import { CaseCommandService } from '@recourse/commands';
import { caseAccess, DomainError, maySign } from '@recourse/domain';
import { isCaseId } from './case-id.pipe';

const OPEN_TO_SIGNERS = 'recourse:open-to-signers';

/** The route signs petitions: any citizen may address a petition, not only who may see it. */
export const OpenToSigners = (): MethodDecorator => SetMetadata(OPEN_TO_SIGNERS, true);

interface HttpRequest extends RequestWithActor {
  params: Record<string, string | undefined>;
}

/**
 * 404 first: on a route taking a case id, decides whether the caller may see the case before
 * anything else looks at it (Idempotency-Key replay, If-Match, kind, state: interceptors, pipes
 * and the decider all run later), so a hidden case answers exactly as an unknown one. Reads the
 * event store, as the command will: a case filed a moment ago is visible at once.
 */
@Injectable()
export class CaseVisibilityGuard implements CanActivate {
  constructor(
    private readonly commands: CaseCommandService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const caseId = request.params.id;
    if (caseId === undefined) return true; // filing: no case yet
    const actor = request.actor!;
    if (!isCaseId(caseId)) throw hidden();
    const state = await this.commands.currentState(caseId.toLowerCase());
    if (state.status === 'none') throw hidden();
    const audience = {
      ownerId: state.ownerId,
      authorities: state.authorityHistory,
      kind: state.kind,
    };
    const visible = this.reflector.get<boolean>(OPEN_TO_SIGNERS, context.getHandler())
      ? maySign(actor, audience)
      : caseAccess(actor, audience) !== null;
    if (!visible) throw hidden();
    return true;
  }
}

const hidden = () => new DomainError('case-not-found', 'no such case');
