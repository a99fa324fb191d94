/** Time comes into the domain from outside; tests pass a controllable clock. */
export interface Clock {
  now(): Date;
}
