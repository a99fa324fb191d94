export * from './port';
export * from './errors';
export * from './chain';
export * from './position';
