/**
 * Gauges that several modules add series to (Metrics.sampledGauge), defined once so that their
 * help and labels agree whichever module registers first.
 */
export const CHECKPOINT_AGE_GAUGE = {
  name: 'recourse_checkpoint_age_seconds',
  help: 'Seconds since each subscriber checkpoint last advanced (projection/<name>, feeder, deadline-scheduler, notifier)',
  labelNames: ['checkpoint'],
} as const;

export const PENDING_TIMERS_GAUGE = {
  name: 'recourse_timers_pending',
  help: 'Timers armed and not fired yet, by kind (deadlines, reminders)',
  labelNames: ['timers'],
} as const;
