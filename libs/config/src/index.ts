export * from './config';
export * from './config-error';
export { DEV_SECRET_FILE } from './dev-secret';
export * from './policy-file';
export { DEV_LOG_KEY_FILE, type TransparencyLogConfig } from './transparency-log';
