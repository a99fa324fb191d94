export * from './events';
export * from './deadline';
export * from './commands';
