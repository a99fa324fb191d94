import pino from 'pino';
import { ConfigError } from '@recourse/config';

/**
 * Ends a process whose start-up failed with one fatal JSON line: a bad variable is named, anything
 * else is logged with its stack. Exits, since a half-started app may hold connections open.
 */
export function exitOnStartupFailure(what: string) {
  return (error: unknown): never => {
    const logger = pino({ base: undefined });
    if (error instanceof ConfigError) {
      logger.fatal({ variable: error.variable }, `invalid configuration: ${error.message}`);
    } else logger.fatal({ err: error }, `${what} failed`);
    process.exit(1);
  };
}
