export * from './correlation';
export { Metrics } from './metrics';
export * from './observability.module';
