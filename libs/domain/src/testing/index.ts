// The decider's spec harness and fixtures, for specs of the libs built on the domain.
export * from './fixtures';
export * from './spec';
