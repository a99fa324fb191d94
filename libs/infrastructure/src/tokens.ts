/**
 * Nest injection tokens for the process-wide infrastructure. InfrastructureModule provides them;
 * apps, query modules, projection workers and deadline timers inject them by these names.
 */
export const CONFIG = Symbol('CONFIG'); // RecourseConfig (validated environment)
export const POLICY = Symbol('POLICY'); // Policy from @recourse/domain
export const CLOCK = Symbol('CLOCK'); // Clock from @recourse/domain
export const DATABASE = Symbol('DATABASE'); // Database from @recourse/database (read models, idempotency; PG event store)
export const EVENT_STORE = Symbol('EVENT_STORE'); // EventStore from @recourse/event-store
