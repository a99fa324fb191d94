export * from './tokens';
export * from './config';
export * from './config-error';
export { isoDurationToMs } from './duration';
export { DEV_SECRET_FILE } from './dev-secret';
export * from './policy-file';
export { systemClock } from './system-clock';
export * from './infrastructure.module';
export { exitOnStartupFailure } from './exit-on-startup-failure';
