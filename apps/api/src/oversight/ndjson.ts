import type { ServerResponse } from 'node:http';

export const NDJSON = 'application/x-ndjson';

export const wantsNdjson = (accept: string | undefined): boolean =>
  accept !== undefined && accept.toLowerCase().includes(NDJSON);

/** Resolves when the client has taken the buffered lines, or has gone. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/**
 * Writes each value as one JSON line as it comes, waiting whenever the client reads slower than
 * we produce, and stops producing when the client goes away. An error before the first line is
 * thrown (the caller answers with a problem); after it, the connection is cut, so a client never
 * takes a truncated stream for a complete one.
 */
export async function streamNdjson(
  response: ServerResponse,
  values: AsyncGenerator<unknown>,
): Promise<void> {
  let gone = false;
  response.once('close', () => (gone = true));
  try {
    for await (const value of values) {
      if (gone) break;
      if (!response.headersSent) {
        response.statusCode = 200;
        response.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
      }
      if (!response.write(`${JSON.stringify(value)}\n`)) await drained(response);
    }
  } catch (error) {
    if (!response.headersSent) throw error;
    response.destroy(error as Error);
    return;
  } finally {
    await values.return(undefined);
  }
  if (!response.headersSent) {
    response.statusCode = 200;
    response.setHeader('Content-Type', `${NDJSON}; charset=utf-8`);
  }
  response.end();
}
