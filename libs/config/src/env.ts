import { DurationError, fixedDurationMs } from '@recourse/domain';

export type Env = Record<string, string | undefined>;

/** an unset or blank variable counts as absent */
export function value(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
}

/** an ISO 8601 duration of fixed length in ms; undefined when it is not one */
export function durationMs(text: string): number | undefined {
  try {
    return fixedDurationMs(text);
  } catch (error) {
    if (error instanceof DurationError) return undefined;
    throw error;
  }
}
