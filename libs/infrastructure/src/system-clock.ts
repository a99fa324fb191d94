import type { Clock } from '@recourse/domain';

export const systemClock: Clock = { now: () => new Date() };
