import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ACTOR_KEY, IS_PUBLIC, type RequestWithActor } from '@recourse/auth';

/**
 * One request budget per caller across the whole API: the token's subject once AuthGuard has
 * verified it (global guards run in module order, and AuthModule comes first), else the client
 * IP. Public routes (health, metrics) are never limited: probes and scrapers must always answer.
 */
@Injectable()
export class CallerThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const actor = (request as RequestWithActor)[ACTOR_KEY];
    return actor ? `sub:${actor.id}` : `ip:${await super.getTracker(request)}`;
  }

  /** the same budget for every route (the default key is per route) */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    return `${name}:${tracker}`;
  }
}
