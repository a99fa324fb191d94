import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ACTOR_KEY, IS_PUBLIC, type RequestWithActor } from '@recourse/auth';

/** The two request budgets, as named in RateLimitModule's throttler list. */
export type Budget = 'address' | 'caller';

/**
 * One of the request budgets, for every route but the public ones (health and metrics: probes
 * and scrapers must always answer). Each guard counts only its own budget, and answers with the
 * standard header names (X-RateLimit-*, Retry-After) whichever budget it is.
 */
abstract class BudgetGuard extends ThrottlerGuard {
  protected abstract readonly budget: Budget;

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    // the storage key carries the budget (generateKey), so 'default' only names the headers
    this.throttlers = this.throttlers
      .filter((throttler) => throttler.name === this.budget)
      .map((throttler) => ({ ...throttler, name: 'default' }));
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return (
      this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
        context.getHandler(),
        context.getClass(),
      ]) === true
    );
  }

  /** the same budget for every route (the default key is per route) */
  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    _name: string,
  ): string {
    return `${this.budget}:${tracker}`;
  }
}

/**
 * Per client address, before authentication, so that a flood of bad tokens is limited too. The
 * address is Express's `request.ip`: behind a proxy, set TRUST_PROXY or every client shares the
 * proxy's budget.
 */
@Injectable()
export class AddressThrottlerGuard extends BudgetGuard {
  protected readonly budget = 'address';
}

/**
 * Per caller once AuthGuard has verified the token (global guards run in module order), so that
 * one user cannot spend an office's shared address budget alone.
 */
@Injectable()
export class CallerThrottlerGuard extends BudgetGuard {
  protected readonly budget = 'caller';

  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const actor = (request as RequestWithActor)[ACTOR_KEY];
    return actor ? `sub:${actor.id}` : `ip:${await super.getTracker(request)}`;
  }
}
