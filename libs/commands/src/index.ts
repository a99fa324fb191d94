export * from './deterministic-id';
export * from './case-command.service';
export * from './commands.module';
export * from './subject-erasure';
export * from './idempotency/idempotency-key';
export * from './idempotency/idempotency.store';
export { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
export {
  IDEMPOTENCY_MIGRATIONS,
  IDEMPOTENCY_COMPONENT,
} from './idempotency/idempotency.migrations';
