export * from './tokens';
export * from './infrastructure.module';
export { systemClock } from './system-clock';
export { exitOnStartupFailure } from './exit-on-startup-failure';
