export * from './events';
export * from './deadline';
export * from './commands';
export * from './clock';
