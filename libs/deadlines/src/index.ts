export * from './deadline-timer';
export * from './timer-plan';
