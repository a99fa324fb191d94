import { randomUUID } from 'node:crypto';
import { appealBody, EXAMPLE_AUTHORITY } from '../support/fixtures';

export type OpKind = 'file' | 'acknowledge' | 'evidence';

/** One logical request, sent (and retried with its key) until it got a final answer. */
export interface Op {
  kind: OpKind;
  key: string;
  caseId?: string;
  attempts: number;
  /** final status: 2xx accepted, other 4xx refused; undefined when it never got one */
  status?: number;
  body?: Record<string, unknown>;
  /** an attempt failed in a way that leaves open whether it took effect */
  ambiguous: boolean;
}

export interface ClientTally {
  /** answers other than the final one, by status ('net' = no answer: connection failed) */
  seen: Map<string, number>;
  /** first and last moment a client saw an error */
  firstError?: number;
  lastError?: number;
}

export interface Tokens {
  citizen: (n: number) => string;
  caseworker: string;
}

const RETRY_PAUSE_MS = 150;
/** a request still without an answer after this long is given up (and reported) */
const GIVE_UP_MS = 60_000;

/**
 * `clients` loops, each filing appeals, acknowledging some of its cases and adding evidence to
 * others, every request with an Idempotency-Key and retried with it (alternating api processes)
 * on 503, 409 "in flight", a 5xx or a lost connection, until it gets an answer.
 */
export class Load {
  readonly ops: Op[] = [];
  readonly tally: ClientTally = { seen: new Map() };
  private stopping = false;
  private running: Promise<void>[] = [];

  constructor(
    private readonly apis: () => string[],
    private readonly tokens: Tokens,
    private readonly clients: number,
  ) {}

  start(): void {
    this.stopping = false;
    this.running = Array.from({ length: this.clients }, (_, n) => this.client(n));
  }

  /** no new requests; the ones under way finish (with their retries) */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running);
  }

  private async client(n: number): Promise<void> {
    const mine: string[] = [];
    while (!this.stopping) {
      const filed = await this.run(n, {
        kind: 'file',
        key: randomUUID(),
        attempts: 0,
        ambiguous: false,
      });
      const caseId = filed.body?.id as string | undefined;
      if (!caseId) continue;
      mine.push(caseId);
      // half the cases are acknowledged at once, the rest miss their deadline (and escalate)
      if (mine.length % 2 === 0) {
        await this.run(n, {
          kind: 'acknowledge',
          key: randomUUID(),
          caseId,
          attempts: 0,
          ambiguous: false,
        });
      } else {
        await this.run(n, {
          kind: 'evidence',
          key: randomUUID(),
          caseId,
          attempts: 0,
          ambiguous: false,
        });
      }
    }
  }

  private async run(n: number, op: Op): Promise<Op> {
    this.ops.push(op);
    const started = Date.now();
    while (Date.now() - started < GIVE_UP_MS) {
      const apis = this.apis();
      const base = apis[(n + op.attempts) % apis.length];
      op.attempts += 1;
      let status: number | 'net';
      let body: Record<string, unknown> | undefined;
      try {
        const response = await fetch(`${base}${this.path(op)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization:
              op.kind === 'acknowledge' ? this.tokens.caseworker : this.tokens.citizen(n),
            'Idempotency-Key': op.key,
          },
          body: JSON.stringify(this.body(op)),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        body = (await response.json().catch(() => undefined)) as
          Record<string, unknown> | undefined;
      } catch {
        status = 'net';
      }
      const retryable =
        status === 'net' ||
        status >= 500 ||
        (status === 409 && /in flight|being processed/.test(String(body?.detail)));
      if (!retryable) {
        op.status = status as number;
        op.body = body;
        if (op.kind === 'file' && typeof body?.id === 'string') op.caseId = body.id;
        return op;
      }
      this.count(String(status));
      // a lost connection or a 5xx may come after the append committed
      if (status === 'net' || status >= 500) op.ambiguous = true;
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
    return op;
  }

  private count(status: string): void {
    this.tally.seen.set(status, (this.tally.seen.get(status) ?? 0) + 1);
    const now = Date.now();
    this.tally.firstError ??= now;
    this.tally.lastError = now;
  }

  private path(op: Op): string {
    if (op.kind === 'file') return '/v1/cases';
    return `/v1/cases/${op.caseId}/${op.kind}`;
  }

  private body(op: Op): object {
    if (op.kind === 'file') return appealBody();
    if (op.kind === 'evidence') return { description: `evidence ${op.key}` };
    return {};
  }

  /** clears what the table shows per fault; the ops stay for the cumulative checks */
  resetTally(): void {
    this.tally.seen.clear();
    this.tally.firstError = undefined;
    this.tally.lastError = undefined;
  }
}

export const AUTHORITY = EXAMPLE_AUTHORITY;
