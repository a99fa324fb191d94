import { destination, type DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogFormat } from '@recourse/config';

/**
 * Where a process's log lines go on stdout: JSON lines, by default written asynchronously (flushed
 * on exit, so a line never blocks the event loop), or each line made readable for a person at a
 * terminal. Prettified in this thread rather than in a transport worker: development output.
 */
export function logDestination(format: LogFormat, { sync = false } = {}): DestinationStream {
  if (format === 'json') return destination({ sync });
  const prettify = prettyFactory({
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context',
    // Nest's context (the class that logged) in front of the message, as Nest's own logger has it
    messageFormat: '{if context}[{context}] {end}{msg}',
  });
  return { write: (line: string) => void process.stdout.write(prettify(line)) };
}
