export * from './tokens';
export * from './infrastructure.module';
export { systemClock } from './system-clock';
export { exitOnStartupFailure } from './exit-on-startup-failure';
export { logDestination } from './log-destination';
export {
  StartupCheckFailed,
  assertPortFree,
  waitForRedis,
  REDIS_STARTUP_WAIT_MS,
} from './startup-checks';
export { forEachLimited } from './for-each-limited';
export { reportQueueErrors } from './queue-errors';
export { closeWorker, WORKER_CLOSE_TIMEOUT_MS } from './close-worker';
export { closeRedis, openRedis, redisReconnectDelay, REDIS_RECONNECT_MAX_MS } from './redis';
