import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** the whole message as sent: headers and body */
  raw: string;
}

/** The body of a raw message (after the header block), quoted-printable soft line breaks undone. */
export const bodyOf = (raw: string): string =>
  raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/=\r\n/g, '');

/** A real SMTP server on an ephemeral port, keeping every message it accepts. */
export async function startSmtpServer(): Promise<{
  url: string;
  mails: ReceivedMail[];
  close(): Promise<void>;
}> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedWebhook {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** the payload as the standardwebhooks library verified it */
  payload: { type: string; timestamp: string; data: Record<string, unknown> };
}

/**
 * A webhook receiver as a subscriber would write one: it verifies each request's signature with
 * the standardwebhooks library (401 when it does not verify), and keeps each webhook-id once
 * (a retry of a delivered message is acknowledged and dropped). `answer` decides the status of
 * each verified request, before deduplication (500 to force a retry; 'hang' never answers).
 */
export async function startReceiver(): Promise<{
  url: string;
  secret: string;
  /** verified, deduplicated by webhook-id */
  received: ReceivedWebhook[];
  /** every request, verified or not, duplicates included */
  requests: { id: string; verified: boolean }[];
  answer: (id: string, attempt: number) => number | 'hang';
  close(): Promise<void>;
}> {
  const state = {
    secret: '',
    received: [] as ReceivedWebhook[],
    requests: [] as { id: string; verified: boolean }[],
    answer: (() => 204) as (id: string, attempt: number) => number | 'hang',
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(request.headers['webhook-id']);
      let payload: ReceivedWebhook['payload'];
      try {
        payload = new Webhook(state.secret).verify(
          body,
          request.headers as Record<string, string>,
        ) as ReceivedWebhook['payload'];
      } catch {
        state.requests.push({ id, verified: false });
        response.writeHead(401).end();
        return;
      }
      state.requests.push({ id, verified: true });
      const attempt = state.requests.filter((r) => r.id === id).length;
      const status = state.answer(id, attempt);
      if (status === 'hang') return;
      if (status >= 200 && status < 300 && !state.received.some((r) => r.id === id)) {
        state.received.push({ id, headers: request.headers, body, payload });
      }
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    get secret() {
      return state.secret;
    },
    set secret(value: string) {
      state.secret = value;
    },
    received: state.received,
    requests: state.requests,
    get answer() {
      return state.answer;
    },
    set answer(fn) {
      state.answer = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
