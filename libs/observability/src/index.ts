export * from './correlation';
export { Metrics, type Sample, type SampleSource } from './metrics';
export * from './observability.module';
export { CHECKPOINT_AGE_GAUGE, PENDING_TIMERS_GAUGE } from './shared-gauges';
