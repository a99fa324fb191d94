import pino from 'pino';
import { chooseLogFormat, ConfigError, type LogFormat } from '@recourse/config';
import { DataDirectoryInUse } from '@recourse/database';
import { logDestination } from './log-destination';
import { portInUse, StartupCheckFailed, withoutPassword } from './startup-checks';

/**
 * Ends a process whose start-up failed with one fatal log line. What an operator can fix says
 * what to do (a bad variable, a missing database, a port or data directory in use, Redis away);
 * anything else is logged with its stack. Exits, since a half-started app may hold connections.
 */
export function exitOnStartupFailure(what: string) {
  return (error: unknown): never => {
    const logger = pino({ base: undefined }, logDestination(formatOfFailure(), { sync: true }));
    const known = explain(error);
    if (known) logger.fatal(known.fields, known.message);
    else logger.fatal({ err: error }, `${what} failed`);
    process.exit(1);
  };
}

function formatOfFailure(): LogFormat {
  try {
    return chooseLogFormat(process.env, process.stdout.isTTY === true);
  } catch {
    return 'json'; // LOG_FORMAT itself may be the variable that failed
  }
}

function explain(error: unknown): { fields: object; message: string } | undefined {
  if (error instanceof ConfigError) {
    return {
      fields: { variable: error.variable },
      message: `invalid configuration: ${error.message}`,
    };
  }
  if (error instanceof StartupCheckFailed) {
    return { fields: { variable: error.variable }, message: error.message };
  }
  if (error instanceof DataDirectoryInUse) {
    return {
      fields: { variable: 'RECOURSE_DATA_DIR', directory: error.directory, holder: error.holder },
      message: error.message,
    };
  }
  const { code } = error as { code?: string };
  if (code === '3D000') return missingDatabase();
  if (code === 'EADDRINUSE') return explain(portInUse(process.env.PORT ?? 3000));
  return undefined;
}

/** PostgreSQL 3D000 (invalid_catalog_name): DATABASE_URL names a database that is not there */
function missingDatabase(): { fields: object; message: string } {
  const url = process.env.DATABASE_URL ?? '';
  let name = '(unknown)';
  let createdb = 'createdb <name>';
  try {
    const parsed = new URL(url);
    name = decodeURIComponent(parsed.pathname.slice(1)) || (parsed.username ?? name);
    createdb =
      `createdb -h ${parsed.hostname} -p ${parsed.port || 5432}` +
      `${parsed.username ? ` -U ${decodeURIComponent(parsed.username)}` : ''} ${name}`;
  } catch {
    // not a URL: the message still names the variable
  }
  return {
    fields: { variable: 'DATABASE_URL' },
    message:
      `database "${name}" does not exist on the server DATABASE_URL names ` +
      `(${withoutPassword(url)}): create it (${createdb}) or fix DATABASE_URL`,
  };
}
